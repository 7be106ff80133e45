export * from './id-card';
export * from './password';
export * from './phone';
export * from './frequency';
export * from './money';
export * from './prescription';
