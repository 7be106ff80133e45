throw new Error("@clinic/contracts is server code: the client may only use `import type { … } from '@clinic/contracts'`")
