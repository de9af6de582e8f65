import '@totp-gate/elements'; // registers <totp-gate> and the other elements
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
