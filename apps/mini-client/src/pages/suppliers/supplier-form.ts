import type { SupplierReply } from '@clinic/contracts'
import type { SupplierInput } from '../../services/api'

export interface SupplierFormValues {
  name: string
  contact: string
}

export const SUPPLIER_LIMITS = { name: 100, contact: 100 } as const

export function supplierValues(supplier?: SupplierReply): SupplierFormValues {
  return { name: supplier?.name ?? '', contact: supplier?.contact ?? '' }
}

export function validateSupplier(values: SupplierFormValues): Partial<Record<keyof SupplierFormValues, string>> {
  const errors: Partial<Record<keyof SupplierFormValues, string>> = {}
  const name = values.name.trim()
  if (!name) errors.name = '请填写供应商名称'
  else if (name.length > SUPPLIER_LIMITS.name) errors.name = `名称不能超过 ${SUPPLIER_LIMITS.name} 个字`
  if (values.contact.trim().length > SUPPLIER_LIMITS.contact) errors.contact = `联系方式不能超过 ${SUPPLIER_LIMITS.contact} 个字`
  return errors
}

export function toSupplierInput(values: SupplierFormValues): SupplierInput {
  const contact = values.contact.trim()
  return contact ? { name: values.name.trim(), contact } : { name: values.name.trim() }
}

/** Only what changed; an emptied contact is sent empty, which clears it. */
export function toSupplierUpdate(original: SupplierReply, values: SupplierFormValues): Partial<SupplierInput> {
  const update: Partial<SupplierInput> = {}
  const name = values.name.trim()
  const contact = values.contact.trim()
  if (name !== original.name) update.name = name
  if (contact !== (original.contact ?? '')) update.contact = contact
  return update
}
