/**
 * The docs theme: VitePress's default theme plus the components the pages use (live examples
 * and the tables generated at build time).
 */
import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import ApiTables from './components/ApiTables.vue';
import LiveExample from './components/LiveExample.vue';
import MessageTable from './components/MessageTable.vue';
import PolicyTable from './components/PolicyTable.vue';
import RestContract from './components/RestContract.vue';
import ScreenshotGallery from './components/ScreenshotGallery.vue';
import SecurityPromises from './components/SecurityPromises.vue';
import './custom.css';
// The theming guide's worked example, applied to its live example exactly as shown on the page.
import '../../examples/snippets/theme.css';

const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('ApiTables', ApiTables);
    app.component('LiveExample', LiveExample);
    app.component('MessageTable', MessageTable);
    app.component('PolicyTable', PolicyTable);
    app.component('RestContract', RestContract);
    app.component('ScreenshotGallery', ScreenshotGallery);
    app.component('SecurityPromises', SecurityPromises);
  },
};

export default theme;
