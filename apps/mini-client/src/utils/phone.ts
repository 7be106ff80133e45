/**
 * Shows a mainland mobile number as 138****8000. The gateway already masks phones for most roles;
 * this keeps a list screen from ever showing a full number even when it gets one.
 */
export function maskPhone(phone: string): string {
  const trimmed = phone.trim()
  if (/^1\d{10}$/.test(trimmed)) return `${trimmed.slice(0, 3)}****${trimmed.slice(7)}`
  return trimmed
}
