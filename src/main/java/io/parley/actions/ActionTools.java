package io.parley.actions;

import io.parley.conversation.OfferedTool;
import io.parley.conversation.ToolResult;
import io.parley.conversation.ToolRun;
import io.parley.conversation.ToolSource;
import io.parley.tenant.Organization;
import io.parley.tenant.OrganizationId;
import io.parley.tenant.Organizations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Offers each of an organization's HTTP actions to its assistant as a tool of the same name. The actions touch no
 * customer's data the platform knows of ({@link OfferedTool.Identity#NONE}); the business learns who is asking from
 * the signed identity headers of each call and decides itself what that customer may see or change.
 */
final class ActionTools implements ToolSource {

    private static final int MAX_SUMMARY_PART = 120;

    private final ActionStore store;
    private final ActionCaller caller;
    private final Organizations organizations;

    ActionTools(ActionStore store, ActionCaller caller, Organizations organizations) {
        this.store = store;
        this.caller = caller;
        this.organizations = organizations;
    }

    @Override
    public List<OfferedTool> tools(OrganizationId organization) {
        List<StoredAction> actions = store.list(organization);
        if (actions.isEmpty()) {
            return List.of();
        }
        String business =
                organizations.find(organization).map(Organization::name).orElse("the business");
        return actions.stream()
                .map(action ->
                        new OfferedTool(action.tool(), OfferedTool.Identity.NONE, "Checking with " + business + "…"))
                .toList();
    }

    @Override
    public ToolResult run(ToolRun run) {
        return store.findByName(run.organization(), run.tool())
                .map(action -> caller.call(action, run))
                .orElseGet(() -> new ToolResult.Failed("There is no action named " + run.tool() + "."));
    }

    /** "Book a table for the evening (date: 2025-06-01; people: 4)": the action's description, then its arguments. */
    @Override
    public String summarize(OrganizationId organization, String tool, JsonNode arguments) {
        String what = store.findByName(organization, tool)
                .map(action -> firstSentence(action.description()))
                .orElse(tool.replace('_', ' '));
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : arguments.properties()) {
            JsonNode v = field.getValue();
            parts.add(field.getKey().replace('_', ' ') + ": " + cut(v.isString() ? v.asString() : v.toString()));
        }
        return parts.isEmpty() ? what : what + " (" + String.join("; ", parts) + ")";
    }

    private static String firstSentence(String description) {
        String text = description.strip();
        int end = text.length();
        for (String stop : List.of(". ", ".\n", "\n")) {
            int at = text.indexOf(stop);
            if (at > 0 && at < end) {
                end = at;
            }
        }
        text = text.substring(0, end);
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        return cut(text);
    }

    private static String cut(String text) {
        return text.length() > MAX_SUMMARY_PART ? text.substring(0, MAX_SUMMARY_PART) + "…" : text;
    }
}
