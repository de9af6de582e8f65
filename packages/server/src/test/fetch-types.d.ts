// The tests import core's http adapter from source; it names two fetch options that the DOM
// library has and @types/node 20 lacks. Declared here, for type-checking only.
type RequestCredentials = 'include' | 'omit' | 'same-origin';
interface RequestInit {
  cache?: 'default' | 'no-store' | 'reload' | 'no-cache' | 'force-cache' | 'only-if-cached';
}
