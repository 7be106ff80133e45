// A text file the user chooses (the WeChat Pay trade bill), read as UTF-8.

export interface PickedTextFile {
  name: string
  text: string
}

/** Opens the browser's file chooser; null when the user closes it without a file. */
export function pickTextFile(accept: string): Promise<PickedTextFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.style.display = 'none'
    const done = () => input.remove()
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      done()
      if (!file) {
        resolve(null)
        return
      }
      const reader = new FileReader()
      reader.onload = () => resolve({ name: file.name, text: String(reader.result ?? '') })
      reader.onerror = () => reject(reader.error ?? new Error('read failed'))
      reader.readAsText(file, 'utf-8')
    })
    // Browsers that fire it (Chromium 113+) tell us the chooser was closed; the others leave the promise waiting,
    // which costs nothing: the next pick makes a new input.
    input.addEventListener('cancel', () => {
      done()
      resolve(null)
    })
    // In the document, so a test driver can find it; hidden, so nobody sees it.
    document.body.appendChild(input)
    input.click()
  })
}
