/**
 * Every message name, in one place. These strings are a wire API between deployed processes:
 * do not change a value without a migration plan; add a new versioned name instead.
 */
export const SERVICES = ['patient', 'pharmacy', 'billing'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const Patterns = {
  patient: {
    health: 'patient.health.1',
    staffLogin: 'patient.auth.staff-login.1',
    refresh: 'patient.auth.refresh.1',
    logout: 'patient.auth.logout.1',
    me: 'patient.auth.me.1',
    createDepartment: 'patient.departments.create.1',
    listDepartments: 'patient.departments.list.1',
    createPatient: 'patient.patients.create.1',
    listPatients: 'patient.patients.list.1',
    getPatient: 'patient.patients.get.1',
    updatePatient: 'patient.patients.update.1',
    linkPatient: 'patient.patients.link.1',
    unlinkPatient: 'patient.patients.unlink.1',
    wechatLogin: 'patient.auth.wechat-login.1',
    privacyConsent: 'patient.accounts.privacy-consent.1',
    exportAccount: 'patient.accounts.export.1',
    closeAccount: 'patient.accounts.close.1',
    /** Who pays for an account: its WeChat openid and the patients on it (the gateway scopes billing with them). */
    accountPayer: 'patient.accounts.payer.1',
    statsFlow: 'patient.stats.flow.1',
    statsClinical: 'patient.stats.clinical.1',
    createStaff: 'patient.staff.create.1',
    listStaff: 'patient.staff.list.1',
    getStaff: 'patient.staff.get.1',
    updateStaff: 'patient.staff.update.1',
    setStaffStatus: 'patient.staff.set-status.1',
    listDoctors: 'patient.doctors.list.1',
    listAudit: 'patient.audit.list.1',
    createSchedule: 'patient.schedules.create.1',
    listSchedules: 'patient.schedules.list.1',
    updateSchedule: 'patient.schedules.update.1',
    cancelSchedule: 'patient.schedules.cancel.1',
    createTemplate: 'patient.schedule-templates.create.1',
    listTemplates: 'patient.schedule-templates.list.1',
    generateShifts: 'patient.schedule-templates.generate.1',
    createAppointment: 'patient.appointments.create.1',
    listAppointments: 'patient.appointments.list.1',
    cancelAppointment: 'patient.appointments.cancel.1',
    checkIn: 'patient.appointments.check-in.1',
    queuePosition: 'patient.appointments.queue-position.1',
    walkIn: 'patient.queue.walk-in.1',
    queue: 'patient.queue.get.1',
    queueDisplay: 'patient.queue.display.1',
    callNext: 'patient.queue.call-next.1',
    queueAction: 'patient.queue.action.1',
    checkInCode: 'patient.queue.check-in-code.1',
    devPay: 'patient.appointments.dev-pay.1',
    listNotifications: 'patient.notifications.list.1',
    createEncounter: 'patient.encounters.create.1',
    listEncounters: 'patient.encounters.list.1',
    getEncounter: 'patient.encounters.get.1',
    saveEmr: 'patient.encounters.save-emr.1',
    signEmr: 'patient.encounters.sign-emr.1',
    amendEmr: 'patient.encounters.amend-emr.1',
    emrVersions: 'patient.encounters.emr-versions.1',
    finishEncounter: 'patient.encounters.finish.1',
    searchIcd10: 'patient.icd10.search.1',
    listEmrTemplates: 'patient.emr-templates.list.1',
    createEmrTemplate: 'patient.emr-templates.create.1',
    deleteEmrTemplate: 'patient.emr-templates.delete.1',
    createPrescription: 'patient.prescriptions.create.1',
    listPrescriptions: 'patient.prescriptions.list.1',
    getPrescription: 'patient.prescriptions.get.1',
    signPrescription: 'patient.prescriptions.sign.1',
    cancelPrescription: 'patient.prescriptions.cancel.1',
    prescriptionPdf: 'patient.prescriptions.pdf.1',
    listReminders: 'patient.reminders.list.1',
    reminderDone: 'patient.reminders.done.1',
    reminderSettings: 'patient.reminders.settings.1',
    updateReminderSettings: 'patient.reminders.update-settings.1',
  },
  pharmacy: {
    health: 'pharmacy.health.1',
    createDrug: 'pharmacy.drugs.create.1',
    listDrugs: 'pharmacy.drugs.list.1',
    getDrug: 'pharmacy.drugs.get.1',
    updateDrug: 'pharmacy.drugs.update.1',
    drugPrices: 'pharmacy.drugs.prices.1',
    drugStock: 'pharmacy.drugs.stock.1',
    createSupplier: 'pharmacy.suppliers.create.1',
    listSuppliers: 'pharmacy.suppliers.list.1',
    updateSupplier: 'pharmacy.suppliers.update.1',
    createStockIn: 'pharmacy.stock-ins.create.1',
    listStockIns: 'pharmacy.stock-ins.list.1',
    getStockIn: 'pharmacy.stock-ins.get.1',
    /** Service to service: the prescriptions service reserves when a doctor signs. */
    reserve: 'pharmacy.reservations.reserve.1',
    release: 'pharmacy.reservations.release.1',
    refundRelease: 'pharmacy.reservations.refund-release.1',
    stats: 'pharmacy.stats.1',
    listDispensing: 'pharmacy.dispensing.list.1',
    getDispensing: 'pharmacy.dispensing.get.1',
    dispense: 'pharmacy.dispensing.dispense.1',
    dispensingLabel: 'pharmacy.dispensing.label.1',
    returnDrugs: 'pharmacy.dispensing.return.1',
    createStocktake: 'pharmacy.stocktakes.create.1',
    listStocktakes: 'pharmacy.stocktakes.list.1',
    getStocktake: 'pharmacy.stocktakes.get.1',
    countStocktake: 'pharmacy.stocktakes.count.1',
    confirmStocktake: 'pharmacy.stocktakes.confirm.1',
    cancelStocktake: 'pharmacy.stocktakes.cancel.1',
    alerts: 'pharmacy.alerts.list.1',
    reportValuation: 'pharmacy.reports.valuation.1',
    reportMovements: 'pharmacy.reports.movements.1',
    reportUsage: 'pharmacy.reports.usage.1',
    reportDaysLeft: 'pharmacy.reports.days-left.1',
  },
  billing: {
    health: 'billing.health.1',
    createFeeItem: 'billing.fee-items.create.1',
    listFeeItems: 'billing.fee-items.list.1',
    listBills: 'billing.bills.list.1',
    getBill: 'billing.bills.get.1',
    pay: 'billing.bills.pay.1',
    receipt: 'billing.bills.receipt.1',
    /** Bills of the patients on a patient's account (the gateway names them; billing knows no accounts). */
    listMyBills: 'billing.bills.mine.1',
    wechatPrepay: 'billing.payments.wechat-prepay.1',
    wechatNotify: 'billing.payments.wechat-notify.1',
    /** Development adapter only: completes a pending WeChat payment as a verified notification would. */
    wechatDevComplete: 'billing.payments.wechat-dev-complete.1',
    getPayment: 'billing.payments.get.1',
    closePayment: 'billing.payments.close.1',
    reversePayment: 'billing.payments.reverse.1',
    refund: 'billing.refunds.create.1',
    listRefunds: 'billing.refunds.list.1',
    wechatRefundNotify: 'billing.refunds.wechat-notify.1',
    closeDay: 'billing.settlements.close.1',
    previewDay: 'billing.settlements.preview.1',
    listSettlements: 'billing.settlements.list.1',
    revenue: 'billing.reports.revenue.1',
    revenueExport: 'billing.reports.revenue-export.1',
    importWechatBill: 'billing.reconciliations.wechat-import.1',
    listReconciliations: 'billing.reconciliations.list.1',
    getReconciliation: 'billing.reconciliations.get.1',
    updateFeeItem: 'billing.fee-items.update.1',
    feeItemPrices: 'billing.fee-items.prices.1',
    stats: 'billing.stats.money.1',
  },
} as const;

export const Events = {
  departmentCreated: 'patient.department.created.1',
  /** An appointment was cancelled (by the patient, the desk, or the doctor's shift being stopped). */
  appointmentCancelled: 'patient.appointment.cancelled.1',
  /** An online booking waits for its registration fee: billing opens a bill for it. */
  appointmentAwaitingPayment: 'patient.appointment.awaiting-payment.1',
  /** Billing took the registration fee of an appointment. */
  registrationPaid: 'billing.registration.paid.1',
  /** A bill was paid in full: pharmacy makes its prescriptions ready to dispense. */
  billPaid: 'billing.bill.paid.1',
  /** A doctor signed a prescription; its lines are priced (pharmacy reserved them). */
  prescriptionSigned: 'patient.prescription.signed.1',
  /** A signed, unpaid prescription was cancelled; its stock was released. */
  prescriptionCancelled: 'patient.prescription.cancelled.1',
  /** Drugs were handed out, from the batches named. */
  prescriptionDispensed: 'pharmacy.prescription.dispensed.1',
  /** Dispensed drugs came back to stock: billing may refund them. */
  drugReturned: 'pharmacy.drug.returned.1',
} as const;
export type EventName = (typeof Events)[keyof typeof Events];

/**
 * Who consumes which event. Over Redis an event is published once and every subscriber hears it;
 * over the embedded loopback transport the publisher sends one copy to each service listed here.
 */
export const EVENT_SUBSCRIBERS: Record<EventName, readonly ServiceName[]> = {
  [Events.departmentCreated]: ['billing'],
  // Billing will refund prepaid fees and reminders will notify the patient; nobody listens yet.
  [Events.appointmentCancelled]: [],
  [Events.appointmentAwaitingPayment]: ['billing'],
  [Events.registrationPaid]: ['patient'],
  [Events.billPaid]: ['pharmacy'],
  [Events.prescriptionSigned]: ['billing'],
  [Events.prescriptionCancelled]: ['billing'],
  // Medication reminders; billing marks the drug lines dispensed (refunding them then needs a return).
  [Events.prescriptionDispensed]: ['patient', 'billing'],
  [Events.drugReturned]: ['billing'],
};
