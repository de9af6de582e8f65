// speakeasy ships no types; only the call the throughput section makes is declared.
declare module 'speakeasy' {
  interface TotpVerifyOptions {
    secret: string;
    encoding: 'ascii' | 'hex' | 'base32' | 'base64';
    token: string;
    window?: number;
    time?: number;
  }
  const speakeasy: { totp: { verify(options: TotpVerifyOptions): boolean } };
  export default speakeasy;
}
