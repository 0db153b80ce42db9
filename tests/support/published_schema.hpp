// A JSON Schema the SDK publishes (sdk/schema/v1/NAME), loaded with valijson, and the errors a
// document has against it. Used by the tests that keep the host and the schemas in agreement.
#pragma once

#include "formats/json_reader.hpp"

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <string>

namespace ims::test {

class PublishedSchema {
public:
    explicit PublishedSchema(const std::string& name)
        : document_(ims::formats::read_json_file(std::string(IMS_SOURCE_DIR) + "/sdk/schema/v1/" +
                                                 name)) {
        valijson::SchemaParser parser;
        valijson::adapters::NlohmannJsonAdapter adapter(document_);
        parser.populateSchema(adapter, schema_);
    }

    // Empty when `file` is valid, else every error with its JSON pointer-ish context.
    std::string errors(const std::string& file) const {
        return errors_of(ims::formats::read_json_file(file), file);
    }

    // The same for a document in memory; `name` names it in the errors.
    std::string errors_of(const nlohmann::json& doc, const std::string& name) const {
        valijson::Validator validator;
        valijson::ValidationResults results;
        valijson::adapters::NlohmannJsonAdapter adapter(doc);
        if (validator.validate(schema_, adapter, &results)) return "";
        std::string out;
        valijson::ValidationResults::Error error;
        while (results.popError(error)) {
            std::string where;
            for (const auto& part : error.context) where += part;
            out += name + ": " + where + ": " + error.description + "\n";
        }
        return out;
    }

private:
    nlohmann::json document_;
    valijson::Schema schema_;
};

}  // namespace ims::test
