// Reads JSON [{text, dct}] on stdin, parses each text with chrono-node (reference date = dct),
// and prints {docs: [{timexes: [{start, end, type, value}]}], seconds} with UTF-8 byte offsets,
// so that `crossread eval-timex --compare-chrono` can score it beside the Rust tagger.
import * as chrono from "chrono-node";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const pad = (n, w = 2) => String(n).padStart(w, "0");

function toTimex(result, text) {
  const c = result.start;
  const y = c.get("year");
  const m = c.get("month");
  const d = c.get("day");
  let type = "DATE";
  let value;
  if (c.isCertain("hour")) {
    type = "TIME";
    value = `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(c.get("hour"))}:${pad(c.get("minute") ?? 0)}`;
  } else if (c.isCertain("day") || c.isCertain("weekday")) {
    value = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  } else if (c.isCertain("month")) {
    value = `${pad(y, 4)}-${pad(m)}`;
  } else {
    value = `${pad(y, 4)}`;
  }
  const start = Buffer.byteLength(text.slice(0, result.index), "utf8");
  const end = start + Buffer.byteLength(result.text, "utf8");
  return { start, end, type, value };
}

const started = process.hrtime.bigint();
const docs = input.map(({ text, dct }) => {
  const ref = dct ? new Date(`${dct}T12:00:00`) : new Date();
  const results = chrono.parse(text, ref);
  return { timexes: results.map((r) => toTimex(r, text)) };
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({ docs, seconds }));
