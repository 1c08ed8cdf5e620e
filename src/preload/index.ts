// Placeholder: the bridge lands with the chat-core issue.
export {}
