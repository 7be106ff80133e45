/** The body of a reply that came as text or bytes: its JSON (an ErrorBody, usually) when it is JSON, else the text. */
export function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
