// STUB
export class Lock {}
export class Event {}
export class Condition {}
export class Semaphore {}
export class BoundedSemaphore {}
export class Barrier {}
