/** What became of a subscription request: accepted, refused (or closed), or not possible on this platform. */
export type SubscribeOutcome = 'accepted' | 'rejected' | 'unavailable'

/** The template ids of a comma-separated setting ("id1, id2,"), without blanks. */
export function templateIdsOf(setting: string | undefined): string[] {
  return (setting ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
}
