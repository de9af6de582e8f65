import '@totp-gate/elements/gate'; // registers <totp-gate>; its steps load when needed
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
