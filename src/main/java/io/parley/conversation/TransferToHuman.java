package io.parley.conversation;

import io.parley.llm.Tool;

/**
 * The tool a model may call to hand the conversation to a person. The platform does the handing over (and records
 * the model as the reason); the model's text, if any, is the reply the customer sees first.
 */
final class TransferToHuman {

    static final String NAME = "transfer_to_human";

    static final Tool TOOL = new Tool(
            NAME,
            "Hand this conversation to a person of the support team. Call it when the customer asks for a person, when"
                    + " they are upset and you cannot resolve it, or when the request needs a human decision.",
            """
            {"type":"object","properties":{"reason":{"type":"string","description":"Why a person should take over, in a few words"}}}""",
            Tool.Kind.READ);

    /** What the customer is told when the model handed over without writing anything. */
    static final String SAY = "Let me get someone from our team to help you with this.";

    private TransferToHuman() {}
}
