// Throughput of aws-local-stepfunctions on the shared benchmark workloads, for
// side-by-side comparison with Stepwise.
//
// Usage: node test/bench/node-bench.mjs [runs] [--warmup W]
//   runs    timed executions per workload (default 20)
//   --warmup untimed executions per workload before timing (default 5)
//
// A transition is one state entered (StateEntered event), counting states
// inside Map iterations. The count per execution is taken from a warm-up run
// (and checked to be the same on every warm-up run), so timed runs do not pay
// for reading the event log. The StateMachine is built (and its definition
// validated) once per workload, outside the timed region.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { StateMachine } from 'aws-local-stepfunctions';

// aws-local-stepfunctions 3 declares Node >= 22 and calls Promise.withResolvers
// on some paths (task timeouts); give older Node the standard behaviour.
if (!Promise.withResolvers) {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const workloads = [
  { name: 'choice-loop', file: 'events/bench/choice-loop.asl.json' },
  { name: 'map-1000', file: 'events/bench/map-1000.asl.json' },
];

function parseArgs(argv) {
  const opts = { runs: 20, warmup: 5 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--warmup') {
      opts.warmup = Number(argv[++i]);
    } else {
      opts.runs = Number(argv[i]);
    }
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1 || !Number.isInteger(opts.warmup) || opts.warmup < 1) {
    throw new Error('usage: node test/bench/node-bench.mjs [runs>=1] [--warmup W>=1]');
  }
  return opts;
}

// runCounted executes once and returns the number of states entered.
async function runCounted(machine) {
  const execution = machine.run({});
  let entered = 0;
  const drained = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered') entered++;
    }
  })();
  await execution.result;
  await drained;
  return entered;
}

async function bench({ name, file }, { runs, warmup }) {
  const definition = JSON.parse(readFileSync(join(root, file), 'utf8'));
  const machine = new StateMachine(definition);
  let perRun = -1;
  for (let i = 0; i < warmup; i++) {
    const n = await runCounted(machine);
    if (perRun !== -1 && n !== perRun) {
      throw new Error(`${name}: ${n} transitions on warm-up run ${i}, ${perRun} before`);
    }
    perRun = n;
  }
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    await machine.run({}).result;
  }
  const ms = performance.now() - start;
  const transitions = perRun * runs;
  const tps = Math.round(transitions / (ms / 1000));
  console.log(
    `node aws-local-stepfunctions ${name}: ${transitions} transitions in ${ms.toFixed(1)} ms = ${tps} transitions/s`,
  );
}

const opts = parseArgs(process.argv.slice(2));
console.error(`# node ${process.version}, ${opts.runs} timed runs per workload after ${opts.warmup} warm-up runs`);
for (const w of workloads) {
  await bench(w, opts);
}
