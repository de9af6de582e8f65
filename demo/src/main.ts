// The Acme Portal page: the TOTP Gate elements, the portal's own elements, and its theme.
import '@totp-gate/elements';
import './styles.css';
import './login-view.js';
import './lock-demo.js';
import './audit-panel.js';
import './portal-home.js';
import './portal-app.js';
