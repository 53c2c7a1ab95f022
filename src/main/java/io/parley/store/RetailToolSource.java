package io.parley.store;

import io.parley.conversation.OfferedTool;
import io.parley.conversation.ToolResult;
import io.parley.conversation.ToolRun;
import io.parley.conversation.ToolSource;
import io.parley.tenant.OrganizationId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The retail store's sixteen tools, for organizations that loaded the store. Reads run on a consistent view; writes
 * run one at a time per organization, in one transaction, once per idempotency key.
 */
final class RetailToolSource implements ToolSource {

    private final StoreData data;

    RetailToolSource(StoreData data) {
        this.data = data;
    }

    @Override
    public List<OfferedTool> tools(OrganizationId organization) {
        return data.loaded(organization) ? RetailCatalog.TOOLS : List.of();
    }

    @Override
    public ToolResult run(ToolRun run) {
        if (!RetailCatalog.BY_NAME.containsKey(run.tool())) {
            return new ToolResult.Failed("Unknown tool " + run.tool());
        }
        if (!data.loaded(run.organization())) {
            return new ToolResult.Failed("The store is not available");
        }
        RetailTools.Caller caller = new RetailTools.Caller(run.byBusiness(), run.customer());
        if (RetailCatalog.WRITES.contains(run.tool())) {
            return data.write(
                    run.organization(),
                    run.idempotencyKey(),
                    view -> RetailTools.run(view, run.tool(), run.arguments(), caller));
        }
        return data.read(run.organization(), view -> RetailTools.run(view, run.tool(), run.arguments(), caller));
    }

    @Override
    public String summarize(OrganizationId organization, String tool, JsonNode arguments) {
        try {
            Optional<String> summary = data.loaded(organization)
                    ? data.read(organization, view -> RetailSummaries.of(view, tool, arguments))
                    : Optional.empty();
            return summary.orElseGet(() -> ToolSource.super.summarize(organization, tool, arguments));
        } catch (RuntimeException e) {
            return ToolSource.super.summarize(organization, tool, arguments);
        }
    }

    /** The names of an order's items with these ids, one per id, for a summary. */
    static List<String> itemNames(ObjectNode order, List<String> itemIds) {
        List<String> names = new ArrayList<>();
        for (String id : itemIds) {
            String name = id;
            for (JsonNode item : order.path("items")) {
                if (id.equals(item.path("item_id").asString(""))) {
                    name = item.path("name").asString(id);
                    break;
                }
            }
            names.add(name);
        }
        return names;
    }
}
