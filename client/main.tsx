// The global rules first, so that each component's own stylesheet (imported by the component) comes after them.
import './tokens.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider, loadLanguage, storedLang } from './i18n';
import { registerServiceWorker } from './registerServiceWorker';
import { adoptTokenFromHash } from './session';
import './phone/phone.css';

adoptTokenFromHash();
// A link pasted into the address bar of an open workshop changes only the fragment.
window.addEventListener('hashchange', adoptTokenFromHash);

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
// The chosen language's dictionary (a separate chunk unless French) before the first render, so a Dutch
// reader never sees a French flash.
await loadLanguage(storedLang());
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);

registerServiceWorker();
