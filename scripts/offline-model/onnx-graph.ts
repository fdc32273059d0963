import protobuf from 'protobufjs';
import type { QuantizedRows } from './static-embeddings.js';

/**
 * Writes the static model as an ONNX graph that transformers.js runs like any BERT encoder:
 * inputs `input_ids` and `attention_mask` (int64, [batch, sequence]), output
 * `last_hidden_state` (float, [batch, sequence, dimensions]). The graph is a lookup:
 *
 *   last_hidden_state = Cast(Gather(table, input_ids)) · Gather(scales, input_ids) · mask
 *
 * transformers.js then mean-pools over the mask and normalises, exactly as for a transformer.
 */

// The subset of onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto) this
// graph needs. Field numbers must match the official schema; names are only for readability.
const ONNX_SCHEMA = `
syntax = "proto3";
package onnx;
message AttributeProto {
  string name = 1;
  int64 i = 3;
  int32 type = 20;
}
message ValueInfoProto {
  string name = 1;
  TypeProto type = 2;
}
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  string name = 3;
  string op_type = 4;
  repeated AttributeProto attribute = 5;
}
message TensorProto {
  repeated int64 dims = 1;
  int32 data_type = 2;
  string name = 8;
  bytes raw_data = 9;
}
message TensorShapeProto {
  message Dimension {
    oneof value {
      int64 dim_value = 1;
      string dim_param = 2;
    }
  }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor {
    int32 elem_type = 1;
    TensorShapeProto shape = 2;
  }
  oneof value {
    Tensor tensor_type = 1;
  }
}
message GraphProto {
  repeated NodeProto node = 1;
  string name = 2;
  repeated TensorProto initializer = 5;
  string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message OperatorSetIdProto {
  string domain = 1;
  int64 version = 2;
}
message ModelProto {
  int64 ir_version = 1;
  string producer_name = 2;
  string producer_version = 3;
  string doc_string = 6;
  GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
}
`;

/** TensorProto.DataType values used here. */
const DataType = { FLOAT: 1, INT8: 3, INT64: 7 } as const;
/** AttributeProto.AttributeType.INT */
const ATTRIBUTE_INT = 2;
/** ONNX IR version 8 with opset 17: supported by every onnxruntime since 1.13. */
const IR_VERSION = 8;
const OPSET = 17;

type Dim = number | string;

function valueInfo(name: string, elemType: number, dims: readonly Dim[]) {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elemType,
        shape: {
          dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })),
        },
      },
    },
  };
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  // raw_data is little-endian; typed arrays are in platform order, little-endian on every
  // platform Node supports in practice (x64, arm64).
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function node(opType: string, inputs: string[], outputs: string[], attributes = {}) {
  return {
    op_type: opType,
    name: `${opType}_${outputs[0]}`,
    input: inputs,
    output: outputs,
    attribute: Object.entries(attributes).map(([name, i]) => ({ name, i, type: ATTRIBUTE_INT })),
  };
}

/** Encodes the lookup graph for `rows` (one row per token id) as ONNX model bytes. */
export function encodeLookupModel(
  rows: QuantizedRows,
  dimensions: number,
  description: string,
): Uint8Array {
  const root = protobuf.parse(ONNX_SCHEMA, { keepCase: true }).root;
  const ModelProto = root.lookupType('onnx.ModelProto');
  const vocabularySize = rows.scales.length;
  const graph = {
    name: 'static_embedding_lookup',
    doc_string: description,
    initializer: [
      {
        name: 'table',
        data_type: DataType.INT8,
        dims: [vocabularySize, dimensions],
        raw_data: bytesOf(rows.values),
      },
      {
        name: 'scales',
        data_type: DataType.FLOAT,
        dims: [vocabularySize, 1],
        raw_data: bytesOf(rows.scales),
      },
      {
        name: 'last_axis',
        data_type: DataType.INT64,
        dims: [1],
        raw_data: bytesOf(new BigInt64Array([-1n])),
      },
    ],
    node: [
      node('Gather', ['table', 'input_ids'], ['quantized'], { axis: 0 }),
      node('Cast', ['quantized'], ['dequantized_unscaled'], { to: DataType.FLOAT }),
      node('Gather', ['scales', 'input_ids'], ['row_scales'], { axis: 0 }),
      node('Mul', ['dequantized_unscaled', 'row_scales'], ['token_vectors']),
      node('Cast', ['attention_mask'], ['mask_float'], { to: DataType.FLOAT }),
      node('Unsqueeze', ['mask_float', 'last_axis'], ['mask_3d']),
      // Padding ids already point at a zero row; masking keeps the output right even if a
      // caller pads with another id.
      node('Mul', ['token_vectors', 'mask_3d'], ['last_hidden_state']),
    ],
    input: [
      valueInfo('input_ids', DataType.INT64, ['batch_size', 'sequence_length']),
      valueInfo('attention_mask', DataType.INT64, ['batch_size', 'sequence_length']),
    ],
    output: [
      valueInfo('last_hidden_state', DataType.FLOAT, ['batch_size', 'sequence_length', dimensions]),
    ],
  };
  const model = {
    ir_version: IR_VERSION,
    producer_name: 'coverage-bot scripts/build-offline-model.ts',
    producer_version: '1',
    doc_string: description,
    graph,
    opset_import: [{ domain: '', version: OPSET }],
  };
  const problem = ModelProto.verify(model);
  if (problem !== null) throw new Error(`build-offline-model: invalid ONNX model: ${problem}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}
