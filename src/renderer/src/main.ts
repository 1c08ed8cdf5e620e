/** Renderer entry: Pinia, the app, and the event flow from main. */
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { hasChatApi } from './api/bridge'
import { appLog, installErrorLogging, logVueError } from './lib/app-log'
import { bootstrap } from './stores/bootstrap'
import { applyLocale, browserLocale, formatLocale, i18n, t } from './i18n'
import { warmFormatters } from './lib/format'
import { whenIdle } from './lib/when-idle'
import './styles/main.css'

// Links in message bodies open through the ChatApi; nothing may navigate the window itself.
document.addEventListener(
  'click',
  (event) => {
    const target = event.target instanceof Element ? event.target.closest('a') : null
    if (target) event.preventDefault()
  },
  true,
)
document.addEventListener('dragover', (event) => event.preventDefault())
document.addEventListener('drop', (event) => event.preventDefault())

// The OS's language until main's settings say otherwise (bootstrap loads them first).
applyLocale('system', browserLocale())
const pinia = createPinia()
const missing = hasChatApi() ? null : t('app.bridgeMissing')
const app = createApp(App, { bridgeMissing: missing })
if (!missing) {
  installErrorLogging(window)
  app.config.errorHandler = (error, _instance, info) => {
    console.error(error)
    logVueError(error, info)
  }
}
app.use(pinia).use(i18n).mount('#app')
if (!missing) {
  appLog('info', 'app', `renderer started (${navigator.language})`)
  void bootstrap()
  // Once the window has nothing else to do: the formatters the first room open needs.
  whenIdle(() => warmFormatters(formatLocale.value), 2000)
}
