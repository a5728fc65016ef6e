/**
 * Turns Moonshine's `.ort` files into ONNX models that onnxruntime can constant-fold.
 *
 * The `.ort` files keep their weights as int8 with the dequantisation (Cast, Mul, Add, Transpose)
 * as graph nodes, and onnxruntime does not constant-fold a model loaded in ORT format, so every
 * decoder step recomputed the fp32 32768×416 embedding matrix: ~58 ms of a ~100 ms step in an
 * onnxruntime profile. onnxruntime itself can write the loaded graph back out as ONNX
 * (`optimizedModelFilePath`); that file only lacks the names of the `If` node's subgraphs (the
 * ORT format drops them, and the ONNX checker requires them), which `nameSubgraphs` adds. Loaded
 * from that ONNX with all optimisations, the dequantisation is folded once at load time. See
 * docs/decisions (Moonshine streaming) for the measured effect.
 */
import { existsSync, renameSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as ort from 'onnxruntime-node';

interface Field {
  field: number;
  wire: number;
  raw: Uint8Array;
  value?: Uint8Array;
}

function readVarint(b: Uint8Array, at: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  let i = at;
  for (;;) {
    if (i >= b.length) throw new Error('protobuf: truncated varint');
    const byte = b[i++]!;
    result |= BigInt(byte & 0x7f) << shift;
    if (byte < 0x80) return [result, i];
    shift += 7n;
  }
}

function varint(value: number): Buffer {
  const out: number[] = [];
  let n = BigInt(value);
  do {
    let byte = Number(n & 0x7fn);
    n >>= 7n;
    if (n > 0n) byte |= 0x80;
    out.push(byte);
  } while (n > 0n);
  return Buffer.from(out);
}

/** The top-level fields of one protobuf message, each with its raw bytes. */
function parseFields(b: Uint8Array): Field[] {
  const fields: Field[] = [];
  let i = 0;
  while (i < b.length) {
    const start = i;
    let tag: bigint;
    [tag, i] = readVarint(b, i);
    const field = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    let value: Uint8Array | undefined;
    if (wire === 0) [, i] = readVarint(b, i);
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else if (wire === 2) {
      let length: bigint;
      [length, i] = readVarint(b, i);
      value = b.subarray(i, i + Number(length));
      i += Number(length);
    } else throw new Error(`protobuf: unsupported wire type ${wire}`);
    if (i > b.length) throw new Error('protobuf: truncated field');
    fields.push({ field, wire, raw: b.subarray(start, i), value });
  }
  return fields;
}

function lengthDelimited(field: number, bytes: Uint8Array): Buffer {
  return Buffer.concat([varint((field << 3) | 2), varint(bytes.length), bytes]);
}

// ONNX field numbers (onnx.proto): ModelProto.graph = 7; GraphProto.node = 1, .name = 2;
// NodeProto.attribute = 5; AttributeProto.g = 6, .graphs = 11.
const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_NAME = 2;
const NODE_ATTRIBUTE = 5;
const ATTR_GRAPH = 6;
const ATTR_GRAPHS = 11;

/** Gives every unnamed (sub)graph of an ONNX model a unique name; returns the new model bytes. */
export function nameSubgraphs(model: Uint8Array): Buffer {
  let counter = 0;
  const graph = (b: Uint8Array): Buffer => {
    const out: Uint8Array[] = [];
    let named = false;
    for (const f of parseFields(b)) {
      if (f.field === GRAPH_NODE && f.wire === 2) out.push(lengthDelimited(GRAPH_NODE, node(f.value!)));
      else if (f.field === GRAPH_NAME && f.wire === 2 && f.value!.length === 0) continue;
      else {
        if (f.field === GRAPH_NAME && f.wire === 2) named = true;
        out.push(f.raw);
      }
    }
    if (!named) out.push(lengthDelimited(GRAPH_NAME, Buffer.from(`graph_${counter++}`)));
    return Buffer.concat(out);
  };
  const node = (b: Uint8Array): Buffer =>
    Buffer.concat(parseFields(b).map((f) => (f.field === NODE_ATTRIBUTE && f.wire === 2 ? lengthDelimited(NODE_ATTRIBUTE, attribute(f.value!)) : f.raw)));
  const attribute = (b: Uint8Array): Buffer =>
    Buffer.concat(
      parseFields(b).map((f) => ((f.field === ATTR_GRAPH || f.field === ATTR_GRAPHS) && f.wire === 2 ? lengthDelimited(f.field, graph(f.value!)) : f.raw)),
    );
  return Buffer.concat(parseFields(model).map((f) => (f.field === MODEL_GRAPH && f.wire === 2 ? lengthDelimited(MODEL_GRAPH, graph(f.value!)) : f.raw)));
}

/**
 * The ONNX twin of `ortPath` under `cacheDir`, written on first use (or when the `.ort` is newer).
 * Writes go through a unique temporary name and a rename, so processes converting at the same
 * time never see half a file.
 */
export async function onnxFromOrt(ortPath: string, cacheDir: string): Promise<string> {
  const target = join(cacheDir, basename(ortPath).replace(/\.ort$/, '.onnx'));
  if (existsSync(target) && statSync(target).mtimeMs >= statSync(ortPath).mtimeMs) return target;
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    const session = await ort.InferenceSession.create(ortPath, { graphOptimizationLevel: 'extended', optimizedModelFilePath: tmp });
    await session.release();
    writeFileSync(tmp, nameSubgraphs(readFileSync(tmp)));
    renameSync(tmp, target);
  } finally {
    rmSync(tmp, { force: true });
  }
  return target;
}
