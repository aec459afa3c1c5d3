import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router-dom'
import App from './components/App.jsx'
import ErrorBoundary from './components/ErrorBoundary.jsx'
import './styles/base.css'
import './styles/shell.css'
import './styles/inbox.css'
import './styles/conversation.css'
import './styles/phone.css'

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <ErrorBoundary>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </ErrorBoundary>
  </StrictMode>,
)
