// The native part of the hello example: one check written with the SDK's C++ helpers.
#include <ims/plugin.hpp>

#include <string>

namespace {

void organisation_named(ims::sdk::Run& run) {
    bool any = false;
    run.query("SELECT id, name FROM v1_organisation", [&](const ims::sdk::Row& row) {
        any = true;
        auto name = row.get("name");
        std::string id(row.text("id"));
        if (name && !name->empty())
            run.emit(IMS_RESULT_PASS, "organisation", id, "the organisation is named");
        else
            run.emit(IMS_RESULT_FAIL, "organisation", id, "the organisation has no name; set one");
    });
    if (!any) run.emit(IMS_RESULT_FAIL, "organisation", "", "the store has no organisation row");
}

}  // namespace

IMS_SDK_PLUGIN("hello", "1.0.0", IMS_SDK_CHECK("hello.organisation_named", organisation_named))
