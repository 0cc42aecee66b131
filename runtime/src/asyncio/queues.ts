// STUB
export class Queue {}
export class PriorityQueue {}
export class LifoQueue {}
