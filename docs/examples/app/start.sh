npx vite build
export TOTP_KEY="$(node -p "require('node:crypto').randomBytes(32).toString('base64')")"
node server.js
