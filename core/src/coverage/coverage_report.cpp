// The coverage and gap reports as text and JSON, written one requirement at a time through an
// io::Sink. The JSON keeps the layout and key order (sorted) the reports have always had.
#include "formats/json_writer.hpp"
#include "ims/core/coverage.hpp"
#include "ims/core/output_file.hpp"

namespace ims::coverage {
namespace {

// A report's bytes on their way to the sink, handed over after every source, so that a
// requirement reached by thousands of controls never sits in memory whole. (The sink buffers.)
struct Out {
    explicit Out(io::Sink& to) : sink(to) {}
    void drain() {
        sink.write(buffer);
        buffer.clear();
    }
    io::Sink& sink;
    std::string buffer;
    formats::JsonWriter json{buffer};
};

void write_totals(formats::JsonWriter& json, const Totals& t) {
    json.begin_object();
    json.key("full");
    json.number(t.full);
    json.key("none");
    json.number(t.none);
    json.key("partial");
    json.number(t.partial);
    json.end_object();
}

void write_hop(formats::JsonWriter& json, const mappings::Edge& hop) {
    json.begin_object();
    json.key("from");
    json.string(hop.source);
    json.key("provenance");
    json.string(hop.provenance);
    json.key("rationale");
    json.string(hop.rationale);
    json.key("relation");
    json.string(mappings::to_string(hop.relation));
    json.key("to");
    json.string(hop.target);
    json.end_object();
}

void write_source(formats::JsonWriter& json, const Source& s) {
    json.begin_object();
    json.key("control");
    json.string(s.link->control_id);
    json.key("control_title");
    json.string(s.link->control_title);
    json.key("current_evidence");
    json.begin_array();
    for (const auto& id : *s.current_evidence) json.string(id);
    json.end_array();
    json.key("direct");
    json.boolean(s.direct());
    json.key("level");
    json.string(to_string(s.level));
    json.key("link_coverage");
    json.string(s.link->coverage);
    json.key("linked_requirement");
    json.string(s.link->requirement_id);
    json.key("path");
    json.begin_array();
    if (s.path != nullptr)
        for (const auto& hop : s.path->hops) write_hop(json, hop);
    json.end_array();
    json.end_object();
}

void write_requirement(Out& out, const RequirementCoverage& rc) {
    formats::JsonWriter& json = out.json;
    json.begin_object();
    json.key("coverage");
    json.string(to_string(rc.level));
    json.key("id");
    json.string(rc.requirement->id);
    json.key("kind");
    json.string(rc.requirement->kind);
    json.key("leaf");
    json.boolean(rc.leaf);
    json.key("sources");
    json.begin_array();
    for (const auto& s : rc.sources) {
        write_source(json, s);
        out.drain();
    }
    json.end_array();
    json.key("title");
    json.string(rc.requirement->title);
    json.end_object();
}

// "full by CTRL-7 "title" via iso27001:2022/A.8.13 -subset-> ...; evidence: EV-1"; one line
// per source.
void write_sources(Out& to, const RequirementCoverage& rc) {
    std::string& out = to.buffer;
    for (const auto& s : rc.sources) {
        out.append("      ").append(to_string(s.level)).append(" by ").append(s.link->control_id);
        out.append(" \"").append(s.link->control_title).append("\"");
        if (s.direct()) {
            out += " (linked directly)";
        } else {
            out.append(" via ").append(s.link->requirement_id);
            for (const auto& hop : s.path->hops)
                out.append(" -")
                    .append(mappings::to_string(hop.relation))
                    .append("-> ")
                    .append(hop.target);
        }
        out += s.current_evidence->empty() ? "; no current evidence" : "; evidence:";
        for (const auto& e : *s.current_evidence) out.append(" ").append(e);
        out += "\n";
        to.drain();
    }
}

void write_standard_text(Out& out, const StandardCoverage& cov, const std::string& as_of) {
    std::string& buffer = out.buffer;
    buffer.append(cov.standard->short_title).append(": ");
    buffer.append(std::to_string(cov.totals.full)).append(" fully, ");
    buffer.append(std::to_string(cov.totals.partial)).append(" partially, ");
    buffer.append(std::to_string(cov.totals.none)).append(" not covered");
    buffer.append(" (leaf requirements, as of ").append(as_of).append(")\n");
    for (const auto& [group, t] : cov.groups) {
        buffer.append("  ").append(group->ref).append(" ").append(group->title).append(": ");
        buffer.append(std::to_string(t.full)).append(" full, ").append(std::to_string(t.partial));
        buffer.append(" partial, ").append(std::to_string(t.none)).append(" none\n");
    }
    for (const auto& rc : cov.requirements) {
        if (rc.sources.empty()) continue;
        buffer.append("  ").append(to_string(rc.level)).append("  ").append(rc.requirement->id);
        buffer.append("  ").append(rc.requirement->title).append("\n");
        write_sources(out, rc);
    }
}

void write_standard_json(Out& out, const StandardCoverage& cov) {
    formats::JsonWriter& json = out.json;
    json.begin_object();
    json.key("groups");
    json.begin_array();
    for (const auto& [group, totals] : cov.groups) {
        json.begin_object();
        json.key("id");
        json.string(group->id);
        json.key("title");
        json.string(group->title);
        json.key("totals");
        write_totals(json, totals);
        json.end_object();
    }
    json.end_array();
    json.key("id");
    json.string(cov.standard->id);
    json.key("requirements");
    json.begin_array();
    for (const auto& rc : cov.requirements) write_requirement(out, rc);
    json.end_array();
    json.key("title");
    json.string(cov.standard->short_title);
    json.key("totals");
    write_totals(json, cov.totals);
    json.end_object();
}

}  // namespace

struct Report::State {
    State(io::Sink& sink, Format f, std::string store, std::string date)
        : out(sink), format(f), store_name(std::move(store)), as_of(std::move(date)) {}
    Out out;
    Format format;
    std::string store_name;
    std::string as_of;
};

Report::Report(io::Sink& out, Format format, std::string store_name, std::string as_of)
    : state_(std::make_unique<State>(out, format, std::move(store_name), std::move(as_of))) {
    if (format != Format::kJson) return;
    formats::JsonWriter& json = state_->out.json;
    json.begin_object();
    json.key("as_of");
    json.string(state_->as_of);
    json.key("standards");
    json.begin_array();
}

Report::~Report() = default;

void Report::add(const StandardCoverage& coverage) {
    State& s = *state_;
    if (s.format == Format::kJson)
        write_standard_json(s.out, coverage);
    else
        write_standard_text(s.out, coverage, s.as_of);
    s.out.drain();
}

void Report::finish() {
    State& s = *state_;
    if (s.format == Format::kJson) {
        s.out.json.end_array();
        s.out.json.key("store");
        s.out.json.string(s.store_name);
        s.out.json.end_object();
        s.out.buffer += "\n";
    }
    s.out.drain();
}

void write_gap(io::Sink& sink, Format format, const std::string& store_name,
               const std::string& as_of, const StandardCoverage& cov) {
    // Leaf requirements, grouped: left to do first (what to plan), then partial, then covered.
    struct Group {
        Level level;
        const char* key;  // JSON
        const char* heading;
    };
    static const Group kGroups[] = {{Level::kNone, "left", "Left to do"},
                                    {Level::kPartial, "partial", "Partly covered already"},
                                    {Level::kFull, "covered", "Covered already"}};
    Out out(sink);
    std::string& buffer = out.buffer;
    if (format == Format::kText) {
        buffer.append("Gap analysis for adopting ")
            .append(cov.standard->short_title)
            .append(" in ");
        buffer.append(store_name).append(" (as of ").append(as_of).append("): ");
        buffer.append(std::to_string(cov.totals.none)).append(" left to do, ");
        buffer.append(std::to_string(cov.totals.partial)).append(" partly covered, ");
        buffer.append(std::to_string(cov.totals.full)).append(" covered\n");
        for (const auto& group : kGroups) {
            buffer.append("\n").append(group.heading).append(":\n");
            for (const auto& rc : cov.requirements) {
                if (!rc.leaf || rc.level != group.level) continue;
                buffer.append("  ").append(rc.requirement->id).append("  ");
                buffer.append(rc.requirement->title).append("\n");
                write_sources(out, rc);
            }
        }
        out.drain();
        return;
    }
    // The keys in sorted order, as the report has always had them.
    formats::JsonWriter& json = out.json;
    json.begin_object();
    json.key("as_of");
    json.string(as_of);
    for (const char* key : {"covered", "left", "partial"}) {
        json.key(key);
        json.begin_array();
        for (const auto& group : kGroups) {
            if (std::string_view(group.key) != key) continue;
            for (const auto& rc : cov.requirements) {
                if (!rc.leaf || rc.level != group.level) continue;
                write_requirement(out, rc);
            }
        }
        json.end_array();
    }
    json.key("standard");
    json.string(cov.standard->id);
    json.key("store");
    json.string(store_name);
    json.key("totals");
    write_totals(json, cov.totals);
    json.end_object();
    buffer += "\n";
    out.drain();
}

}  // namespace ims::coverage
