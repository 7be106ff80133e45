export type ComponentStatus = 'up' | 'down';

/** What each service answers to its health pattern. */
export interface ServiceHealthReply {
  service: string;
  database: ComponentStatus;
  databaseKind: 'mysql' | 'sqlite';
  migrationsPending: number;
}

export interface HealthReply {
  status: ComponentStatus;
  transport: 'redis' | 'tcp';
  services: Record<string, { status: ComponentStatus; database: ComponentStatus; error?: string }>;
}
