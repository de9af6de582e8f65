mkdir my-app && cd my-app
npm init -y
npm pkg set type=module
npm install express \
  ../totp-gate/packs/totp-gate-core-0.1.0.tgz \
  ../totp-gate/packs/totp-gate-elements-0.1.0.tgz \
  ../totp-gate/packs/totp-gate-server-0.1.0.tgz
npm install --save-dev vite
