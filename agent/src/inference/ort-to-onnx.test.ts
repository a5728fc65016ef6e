import { describe, expect, it } from 'vitest';
import { nameSubgraphs } from './ort-to-onnx.js';

/** Minimal protobuf writer for the test's hand-built ONNX messages. */
const ld = (field: number, bytes: Uint8Array) => Buffer.concat([Buffer.from([(field << 3) | 2, bytes.length]), bytes]);
const str = (s: string) => Buffer.from(s);

describe('nameSubgraphs', () => {
  it('names the unnamed subgraphs of an If node and leaves named graphs and other fields alone', () => {
    // ModelProto{ ir_version=8 (field 1, varint), graph(7){ node(1){ op_type(4)="If", attribute(5){ name(1)="then_branch", g(6){ } } }, name(2)="main" } }
    const subgraph = Buffer.alloc(0);
    const attribute = Buffer.concat([ld(1, str('then_branch')), ld(6, subgraph)]);
    const node = Buffer.concat([ld(4, str('If')), ld(5, attribute)]);
    const graph = Buffer.concat([ld(1, node), ld(2, str('main'))]);
    const model = Buffer.concat([Buffer.from([0x08, 8]), ld(7, graph)]);

    const out = nameSubgraphs(model);
    expect(out.subarray(0, 2)).toEqual(Buffer.from([0x08, 8]));
    // The subgraph got a name, the main graph kept its own and gained no second one.
    expect(out.toString('latin1')).toContain('graph_0');
    expect(out.toString('latin1').match(/main/g)).toHaveLength(1);
    expect(out.toString('latin1')).toContain('then_branch');
    // Idempotent: a second pass finds nothing left to name.
    expect(nameSubgraphs(out)).toEqual(out);
  });
});
