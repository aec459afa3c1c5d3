// Human-readable text for the error codes the Cruddur API returns.
const TEXT = {
  message_blank: 'Write a message before sending.',
  message_exceed_max_chars: 'Messages can be at most 1024 characters long.',
  message_group_uuid_blank: 'No conversation was chosen for this message.',
  user_receiver_handle_blank: 'Choose who should receive this message.',
  user_receiver_not_found: 'That person does not exist on Cruddur.',
  user_receiver_is_self: 'You cannot send a direct message to yourself.',
  message_group_not_found: 'This conversation does not exist, or you are not part of it.',
  user_not_found: 'That person does not exist on Cruddur.',
}

export function describeError(code) {
  if (!code) return 'Something went wrong.'
  if (TEXT[code]) return TEXT[code]
  if (/^[a-z0-9_]+$/.test(code)) {
    const words = code.replace(/_/g, ' ')
    return words.charAt(0).toUpperCase() + words.slice(1) + '.'
  }
  return code
}
