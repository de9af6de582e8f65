import '@totp-gate/elements'; // registers <totp-gate> and the other elements
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
