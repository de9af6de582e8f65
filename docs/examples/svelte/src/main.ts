import '@totp-gate/elements/gate'; // registers <totp-gate>; its steps load when needed
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
