export interface DepartmentCreatedEvent {
  clinicId: string;
  departmentId: string;
  name: string;
}
