// The shared data model of the IMS as data: every entity a store holds, its fields, their types,
// which are required and what they refer to. The store's write path, import, export, the
// published import JSON Schema and docs/data-model.md are all driven by this one description.
// Immutable after start-up; safe to read from any thread.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ims::model {

enum class FieldType {
    kText,
    kInteger,
    kBoolean,
    kDate,      // YYYY-MM-DD
    kDateTime,  // YYYY-MM-DDThh:mm[:ss] with Z or ±hh:mm: deadlines are counted in real time
    kEnum,      // one of Field::values
    kRef,       // the id of a Field::target entity (or of the entity named by Field::target_from)
    kTextList,
    kEnumList,
    kRefList,
    kFile,  // evidence only: a file path in import files, stored in the vault
};

// A reference SQLite enforces as a foreign key. Only the foundation tables have them; every other
// reference is an id that the write path (import, evidence add) resolves.
struct ForeignKey {
    std::string_view table;  // the table referred to, e.g. "standards" (or "vault" for a file)
    std::string_view column = "id";
    bool cascade = false;  // ON DELETE CASCADE: the row goes with the row it names
};

struct Field {
    std::string_view name;  // as in import files, exports and the v1 view
    FieldType type = FieldType::kText;
    bool required = false;
    std::string_view target = {};       // kRef, kRefList: the entity referred to, e.g. "person"
    std::string_view target_from = {};  // kRef: the enum field whose value names the target entity
    std::vector<std::string_view> values = {};  // kEnum, kEnumList
    std::optional<int64_t> min = {}, max = {};  // kInteger
    std::string_view column = {};  // the table column when it is not `name` (the key stored as id)
    std::string_view doc = {};     // one line for docs/data-model.md
    std::optional<ForeignKey> foreign_key = {};

    std::string_view column_name() const { return column.empty() ? name : column; }
    bool is_list() const;
    bool stored() const { return type != FieldType::kFile; }
};

enum class EntityKind {
    kRecord,     // the organisation's own records: imported, exported, upserted by id
    kSingleton,  // exactly one row, id "org"
    kCatalog,    // copied from plugins when a standard is adopted; never imported or exported
};

// What an entity's v1 view shows besides one column per stored field, named as the field
// (sdk/schema/v1/views.md): columns computed from other tables, or kept under a format-1 name.
// The SQL reads the entity's table as `t`. Views only gain columns within v1.
struct ViewExtension {
    std::vector<std::string_view> columns = {};  // appended, e.g. "t.owner_id AS owner"
    std::string_view join = {};                  // after FROM, e.g. "LEFT JOIN vault v ON ..."
    std::vector<std::string_view> hidden = {};   // stored fields the view leaves out
};

struct Entity {
    std::string_view name;        // "person": the change log's entity and the word in messages
    std::string_view collection;  // "people": the import document's key and the CSV file's name
    std::string_view table;
    EntityKind kind = EntityKind::kRecord;
    // Fields whose values make the row's id. {"id"} for most; link records join theirs with '|'.
    std::vector<std::string_view> key;
    std::vector<Field> fields;
    std::string_view doc = {};
    ViewExtension view = {};
    // Indexes besides the primary key (and a link entity's key), each a list of columns, for the
    // reads that look rows up by them.
    std::vector<std::vector<std::string_view>> indexes = {};

    const Field* field(std::string_view name) const;
    bool derived_id() const { return key.size() > 1; }
};

// Every entity in dependency-friendly order: export writes collections in this order.
const std::vector<Entity>& entities();
// The entity called `name` ("person"); throws ims::Error(kInternal) for an unknown name.
const Entity& entity(std::string_view name);
// The entity whose collection is `collection` ("people"), or nullptr.
const Entity* entity_by_collection(std::string_view collection);

// Checks one JSON value against a field's type (not references). Returns the problem as
// "expected ..., got ..." or nullopt when the value is acceptable. Null is always acceptable here;
// required fields are checked by the caller.
std::optional<std::string> check_value(const Field& field, const nlohmann::json& value);
// check_value plus the rules a field has as part of its entity's key: a key part must not contain
// '|', which joins the parts of link ids. Every write (import, evidence add, adopt) applies it.
std::optional<std::string> check_field(const Entity& entity, const Field& field,
                                       const nlohmann::json& value);

// A human description of what a field accepts, e.g. "a date YYYY-MM-DD" or "one of: a, b".
std::string describe(const Field& field);

// The published JSON Schema of import documents (sdk/schema/v1/import.schema.json).
nlohmann::json import_schema();

}  // namespace ims::model
