// Two tasks that take turns through sleep(0), the stepper tests' run: every step is at 0 s on
// the clock, and both players park on line 6 while main waits on line 13.

export const PING_PONG = `import asyncio from "asyncio";

async function player(name: string, turns: number) {
  for (let turn = 1; turn <= turns; turn++) {
    print(\`\${name} \${turn}\`);
    await asyncio.sleep(0);
  }
}

async function main() {
  const a = asyncio.createTask(player("A", 3), { name: "A" });
  const b = asyncio.createTask(player("B", 3), { name: "B" });
  await asyncio.gather(a, b);
}

asyncio.run(main());
`;
