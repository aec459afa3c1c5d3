import { Navigate, Route, Routes } from 'react-router-dom'
import AppShell from './AppShell.jsx'
import Conversation from './Conversation.jsx'
import MessagesLayout from './MessagesLayout.jsx'
import NewConversation from './NewConversation.jsx'
import NoConversation from './NoConversation.jsx'
import NotFound from './NotFound.jsx'
import RequireAuth from './RequireAuth.jsx'
import ServerBanner from './ServerBanner.jsx'
import SignInPage from './SignInPage.jsx'

export default function App() {
  return (
    <>
      <ServerBanner />
      <Routes>
        <Route path="/" element={<Navigate to="/messages" replace />} />
        <Route path="/sign-in" element={<SignInPage />} />
        <Route
          element={
            <RequireAuth>
              <AppShell />
            </RequireAuth>
          }
        >
          <Route path="/messages" element={<MessagesLayout />}>
            <Route index element={<NoConversation />} />
            <Route path="new/:handle" element={<NewConversation />} />
            <Route path=":uuid" element={<Conversation />} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </>
  )
}
