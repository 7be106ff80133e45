import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, headless, cut off from Google's background services (the machine has no network
 * beyond loopback). launch() gives every run a new, empty profile of its own.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
