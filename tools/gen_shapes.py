#!/usr/bin/env python3
"""Generates engine/protocol/shapes.cc, the request shapes of engine/protocol/shape.h.

The constraints (types, lengths, ranges, patterns, enums, required members) come from the
DynamoDB and DynamoDB Streams models that the AWS SDKs publish (botocore's data files); the
service's own answers quote the same constraints. The model lists members in documentation
order; the service reports violations in its own order, which MEMBER_ORDER below records where
it has been observed (docs/notes/service-errors.md gives the sources).

Run with a botocore whose model is at least as new as the API this server implements:
    python3 tools/gen_shapes.py > engine/protocol/shapes.cc
"""
import sys

import botocore
import botocore.loaders

# The operations ddb-server implements (ops/registry.cc), per service.
OPERATIONS = {
    "dynamodb": [
        "BatchExecuteStatement", "BatchGetItem", "BatchWriteItem", "CreateTable", "DeleteItem", "DeleteTable",
        "DescribeContinuousBackups", "DescribeEndpoints", "DescribeLimits", "DescribeTable",
        "DescribeTimeToLive", "ExecuteStatement", "ExecuteTransaction", "GetItem", "ListTables", "ListTagsOfResource",
        "PutItem", "Query", "Scan", "TagResource", "TransactGetItems", "TransactWriteItems",
        "UntagResource",
        "UpdateContinuousBackups", "UpdateItem", "UpdateTable", "UpdateTimeToLive",
    ],
    "dynamodbstreams": ["DescribeStream", "GetRecords", "GetShardIterator", "ListStreams"],
}

# The service's walk order where it differs from the model's: observed (order-confirmed) for
# CreateTableInput's AttributeDefinitions, TableName, ProvisionedThroughput, KeySchema and for
# ProvisionedThroughput's members; dynalite's reconstruction of the service's validator for the
# rest. Members not named keep the model's order after the named ones.
MEMBER_ORDER = {
    "CreateTableInput": ["AttributeDefinitions", "TableName", "BillingMode",
                         "ProvisionedThroughput", "KeySchema", "LocalSecondaryIndexes",
                         "GlobalSecondaryIndexes"],
    "ProvisionedThroughput": ["WriteCapacityUnits", "ReadCapacityUnits"],
    "UpdateTableInput": ["TableName", "ProvisionedThroughput", "GlobalSecondaryIndexUpdates"],
    "GlobalSecondaryIndexUpdate": ["Update", "Create", "Delete"],
    "CreateGlobalSecondaryIndexAction": ["Projection", "IndexName", "ProvisionedThroughput",
                                         "KeySchema"],
    "ListTablesInput": ["Limit", "ExclusiveStartTableName"],
    "PutItemInput": ["ReturnConsumedCapacity", "TableName", "Item", "ConditionalOperator",
                     "Expected", "ReturnValues", "ReturnItemCollectionMetrics",
                     "ConditionExpression", "ExpressionAttributeValues",
                     "ExpressionAttributeNames", "ReturnValuesOnConditionCheckFailure"],
    "GetItemInput": ["ReturnConsumedCapacity", "AttributesToGet", "TableName", "Key",
                     "ConsistentRead", "ProjectionExpression", "ExpressionAttributeNames"],
    "UpdateItemInput": ["ReturnConsumedCapacity", "TableName", "ReturnItemCollectionMetrics",
                        "ReturnValues", "Key", "ConditionalOperator", "Expected",
                        "AttributeUpdates", "ConditionExpression", "UpdateExpression",
                        "ExpressionAttributeValues", "ExpressionAttributeNames"],
    "DeleteItemInput": ["ReturnConsumedCapacity", "TableName", "ReturnValues",
                        "ReturnItemCollectionMetrics", "Key", "ConditionalOperator", "Expected",
                        "ConditionExpression", "ExpressionAttributeValues",
                        "ExpressionAttributeNames"],
    "QueryInput": ["Limit", "ExclusiveStartKey", "ReturnConsumedCapacity", "AttributesToGet",
                   "QueryFilter", "Select", "ConditionalOperator", "KeyConditions", "TableName",
                   "ConsistentRead", "IndexName", "ScanIndexForward", "KeyConditionExpression",
                   "FilterExpression", "ProjectionExpression", "ExpressionAttributeValues",
                   "ExpressionAttributeNames"],
    "ScanInput": ["Limit", "ReturnConsumedCapacity", "AttributesToGet", "Segment", "Select",
                  "ScanFilter", "ConditionalOperator", "TotalSegments", "TableName",
                  "ExclusiveStartKey", "IndexName", "FilterExpression", "ProjectionExpression",
                  "ExpressionAttributeValues", "ExpressionAttributeNames", "ConsistentRead"],
    "BatchGetItemInput": ["ReturnConsumedCapacity", "RequestItems"],
    "BatchWriteItemInput": ["ReturnConsumedCapacity", "ReturnItemCollectionMetrics",
                            "RequestItems"],
    "TransactWriteItemsInput": ["ReturnConsumedCapacity", "ReturnItemCollectionMetrics",
                                "ClientRequestToken", "TransactItems"],
    "TransactGetItemsInput": ["ReturnConsumedCapacity", "TransactItems"],
}

# Enum value sets as the service prints them (observed in its messages; a Java set's order, not
# the model's). Others keep the model's order.
ENUM_ORDER = {
    "ReturnValue": ["ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"],
    "Select": ["SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"],
    "ScalarAttributeType": ["B", "N", "S"],
    "ConditionalOperator": ["OR", "AND"],
    "ProjectionType": ["ALL", "INCLUDE", "KEYS_ONLY"],
    "ComparisonOperator": ["IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT", "NOT_NULL",
                           "NE", "LE", "BEGINS_WITH", "GE", "CONTAINS"],
}

# Operations whose missing TableName is "The parameter 'TableName' is required but was not
# present in the request", followed by a length check of its own, before the constraint walk.
REQUIRED_PARAMETER_STYLE = {
    op: ["TableName"] for op in ["CreateTable", "DeleteTable", "DescribeTable", "UpdateTable",
                                 "DescribeTimeToLive", "UpdateTimeToLive"]
}
# The tag operations answer a missing ResourceArn with words of their own, before anything else
# (observed; docs/notes/service-errors.md §2.17).
TAG_OPERATIONS = ["TagResource", "UntagResource", "ListTagsOfResource"]
REQUIRED_PARAMETER_STYLE.update({op: ["ResourceArn"] for op in TAG_OPERATIONS})
REQUIRED_MESSAGE = {op: "Invalid TableArn" for op in TAG_OPERATIONS}

# Members the service reports as null although today's model no longer marks them required
# (CreateTable's became optional in the model for GlobalTableSourceArn, which this server does
# not serve; the service's "Value null at 'keySchema'" answers are observed).
EXTRA_REQUIRED = {"CreateTableInput": ["AttributeDefinitions", "KeySchema"]}

# Model constraints the service does not report as constraint violations but checks itself,
# with words of its own (observed): the shape's member is left unconstrained here.
DROPPED_CONSTRAINTS = {"TimeToLiveAttributeName": ["min"]}

# Members whose shape the service constrains more than the model does: the model's KeySchema
# lost its maximum of 2 when global secondary indexes gained multi-attribute keys, but a table's
# and a local index's key schemas keep it (observed: "Member must have length less than or equal
# to 2"). Each maps to (shape name, the model shape it narrows, extra constraints).
MEMBER_SHAPE = {
    ("CreateTableInput", "KeySchema"): ("TableKeySchema", "KeySchema", {"max": 2}),
    ("LocalSecondaryIndex", "KeySchema"): ("TableKeySchema", "KeySchema", {"max": 2}),
}

# Shapes that take a table name or a table ARN: a name is checked as a TableName, an ARN only
# for its length (the model's TableArn shape).
TABLE_NAME_OR_ARN = {"TableArn"}


def cpp_name(shape_name):
    return "k" + shape_name.replace(".", "")


class Generator:
    def __init__(self):
        self.emitted = {}  # shape key -> C++ name
        self.order = []    # (cpp name, definition lines)
        self.declared = []

    def shape(self, model, name, service):
        key = service + ":" + name
        if key in self.emitted:
            return self.emitted[key]
        cname = cpp_name(name) + ("Streams" if service == "dynamodbstreams" else "")
        self.emitted[key] = cname
        self.declared.append(cname)
        s = {k: v for k, v in model["shapes"][name].items()
             if k not in DROPPED_CONSTRAINTS.get(name, [])}
        self.order.append((cname, self.definition(model, name, s, service, cname)))
        return cname

    def definition(self, model, name, s, service, cname):
        t = s["type"]
        lines = []
        fields = []
        if name == "AttributeValue":
            return [f'const Shape {cname}{{.type = ShapeType::kAttributeValue, .name = "AttributeValue"}};']
        kind = {"string": "kString", "integer": "kInteger", "long": "kLong", "double": "kDouble",
                "boolean": "kBoolean", "blob": "kBlob", "list": "kList", "map": "kMap",
                "structure": "kStructure", "timestamp": "kDouble"}[t]
        fields.append(f".type = ShapeType::{kind}")
        if t == "structure":
            fields.append(f'.name = "{name}"')
        if name in TABLE_NAME_OR_ARN:
            fields.append(".min_length = 3, .max_length = 255")
            fields.append('.pattern = "[a-zA-Z0-9_.-]+"')
            fields.append(".table_name_or_arn = true")
        elif t in ("string", "list", "map", "blob"):
            if "min" in s or "max" in s:
                fields.append(f".min_length = {s.get('min', -1)}, .max_length = {s.get('max', -1)}")
            if "pattern" in s:
                fields.append(f'.pattern = "{s["pattern"]}"')
        elif t in ("integer", "long"):
            if "min" in s:
                fields.append(f".has_min = true")
            if "max" in s:
                fields.append(f".has_max = true")
            if "min" in s:
                fields.append(f".min_value = {int(s['min'])}")
            if "max" in s:
                fields.append(f".max_value = {int(s['max'])}")
        if "enum" in s:
            enum = ENUM_ORDER.get(name, s["enum"])
            assert sorted(enum) == sorted(s["enum"]), name
            values = ", ".join(f'"{v}"' for v in enum)
            lines.append(f"constexpr std::string_view {cname}Enum[] = {{{values}}};")
            fields.append(f".enum_values = {cname}Enum, .enum_count = {len(s['enum'])}")
        if t == "list":
            fields.append(f".element = &{self.shape(model, s['member']['shape'], service)}")
        if t == "map":
            fields.append(f".element = &{self.shape(model, s['value']['shape'], service)}")
            fields.append(f".key = &{self.shape(model, s['key']['shape'], service)}")
        if t == "structure":
            members = list(s["members"].keys())
            preferred = MEMBER_ORDER.get(name, [])
            members = [m for m in preferred if m in members] + \
                      [m for m in members if m not in preferred]
            required = set(s.get("required", [])) | set(EXTRA_REQUIRED.get(name, []))
            rows = []
            for m in members:
                member_shape = s["members"][m]["shape"]
                if (name, m) in MEMBER_SHAPE:
                    member_shape, narrowed, extra = MEMBER_SHAPE[(name, m)]
                    model["shapes"].setdefault(member_shape,
                                               dict(model["shapes"][narrowed], **extra))
                ms = self.shape(model, member_shape, service)
                rows.append(f'{{"{m}", &{ms}, {"true" if m in required else "false"}}}')
            if rows:
                lines.append(f"const ShapeMember {cname}Members[] = {{" + ", ".join(rows) + "};")
                fields.append(f".members = {cname}Members, .member_count = {len(rows)}")
        lines.append(f"const Shape {cname}{{" + ", ".join(fields) + "};")
        return lines


def main():
    loader = botocore.loaders.Loader()
    gen = Generator()
    ops = []
    for service, names in OPERATIONS.items():
        model = loader.load_service_model(service, "service-2")
        for op in names:
            input_shape = model["operations"][op].get("input", {}).get("shape")
            ops.append((op, gen.shape(model, input_shape, service) if input_shape else None))
    out = []
    out.append("// Generated by tools/gen_shapes.py from the AWS SDKs' DynamoDB models")
    out.append(f"// (botocore {botocore.__version__}). Do not edit; change the generator.")
    out.append('#include "protocol/shape.h"')
    out.append("")
    out.append("// One shape a line: data, not code to read (clang-format would spread each over many).")
    out.append("// clang-format off")
    out.append("namespace ddb::protocol {")
    out.append("namespace {")
    out.append("")
    for cname in gen.declared:
        out.append(f"extern const Shape {cname};")
    out.append("")
    for _, lines in reversed(gen.order):
        out.extend(lines)
    out.append("")
    for op, cname in ops:
        req = REQUIRED_PARAMETER_STYLE.get(op, [])
        if req:
            values = ", ".join(f'"{v}"' for v in req)
            out.append(f"constexpr std::string_view k{op}Required[] = {{{values}}};")
    out.append("")
    out.append("struct Entry {")
    out.append("  std::string_view operation;")
    out.append("  OperationShape shape;")
    out.append("};")
    out.append("")
    out.append("const Entry kOperationShapes[] = {")
    for op, cname in ops:
        req = REQUIRED_PARAMETER_STYLE.get(op, [])
        tail = f", k{op}Required, {len(req)}" if req else ""
        if op in REQUIRED_MESSAGE:
            tail += f', "{REQUIRED_MESSAGE[op]}"'
        out.append(f'    {{"{op}", {{&{cname}{tail}}}}},' if cname else f'    {{"{op}", {{nullptr}}}},')
    out.append("};")
    out.append("")
    out.append("}  // namespace")
    out.append("")
    out.append("const OperationShape* FindOperationShape(std::string_view operation) {")
    out.append("  for (const Entry& e : kOperationShapes) {")
    out.append("    if (e.operation == operation) return e.shape.input ? &e.shape : nullptr;")
    out.append("  }")
    out.append("  return nullptr;")
    out.append("}")
    out.append("")
    out.append("}  // namespace ddb::protocol")
    out.append("// clang-format on")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
