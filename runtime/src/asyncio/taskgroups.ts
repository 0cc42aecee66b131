// STUB
export class TaskGroup {}
