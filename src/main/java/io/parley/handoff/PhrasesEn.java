package io.parley.handoff;

import java.util.List;
import java.util.Set;

/** English: how customers ask for a person, how the assistant offers one, and a short yes. */
final class PhrasesEn {

    private PhrasesEn() {}

    static Phrasebook phrasebook() {
        String head = Phrasebooks.any("person|people|human|humans|human being|agent|agents|live agent|representative|"
                + "representatives|rep|operator|someone|somebody|anyone|anybody|staff|staff member|employee|"
                + "manager|supervisor|advisor|adviser|customer service|customer support|customer care|"
                + "support team|support staff|service team|team|team member|specialist|associate|consultant|"
                + "colleague|live chat|person in charge|boss|owner|helpdesk|help desk");
        String strict = Phrasebooks.any(
                "human|humans|human being|agent|live agent|representative|rep|operator|manager|supervisor|"
                        + "real person|live person|actual person|real human|person in charge|human agent|"
                        + "customer service|customer support|customer care");
        String mod = Phrasebooks.any(
                "a|an|the|some|your|one|of|real|live|actual|human|customer|support|service|sales|member|"
                        + "from|company|store|shop|technical|tech|other|another|different");
        String notAfter = "(?! "
                + Phrasebooks.any("fee|fees|commission|number|code|id|portal|login|account|app|error|errors|rights|"
                        + "resources|body|nature|mistake|discount|price|prices|cost|costs|rate|rates|license|"
                        + "licence|being|s")
                + "\\b)";
        String offerHead =
                Phrasebooks.any("someone|somebody|colleague|colleagues|team|agent|agents|person|human|representative|"
                        + "specialist|staff|member|people|support|manager|supervisor|advisor|adviser|operator|"
                        + "expert|experts");
        Set<String> yes =
                Phrasebooks.words("yes yeah yep yup ya yea yah yess yesss y sure ok okay okey k kk alright absolutely "
                        + "definitely certainly please pls plz course ahead perfect great fine good cool indeed "
                        + "exactly correct deal lovely awesome aye");
        return new Phrasebook(
                "en",
                List.of(
                        Phrasebooks.p(
                                "\\b(?:talk|speak|chat|communicate)(?: (?:directly|now|right now|again))? (?:to|with)(?: "
                                        + mod + ")* " + head + "\\b" + notAfter),
                        Phrasebooks.p(
                                "\\b(?:connect|transfer|put|pass|hand|switch|forward|redirect|get|give|find|bring) (?:me|us)"
                                        + "(?: (?:over|through|back|directly|now|right now|straight|on))?"
                                        + "(?: (?:to|with|through to|over to))?(?: " + mod + ")* " + head + "\\b"
                                        + notAfter),
                        Phrasebooks.p("\\b(?:transfer|connect|forward) me(?: (?:please|pls|plz|now|asap))*(?= \\.|$)"),
                        Phrasebooks.p(
                                "\\bescalate (?:this|it|me|my \\w+|the (?:case|issue|matter|complaint|ticket|problem))\\b"),
                        Phrasebooks.p("\\b(?:want|wanna|need|(?:d|would) like|prefer|request|requesting|demand|get"
                                + "|(?:can|could|may) (?:i|we) (?:have|get|see))"
                                + "(?: (?:to (?:talk|speak|chat) (?:to|with)|to (?:get|have|see|reach|contact)|for))?"
                                + "(?: (?:a|an|the|some|your|one|of|real|live|actual|customer|service|human))* "
                                + strict + "\\b" + notAfter),
                        Phrasebooks.p("\\b(?:someone|somebody|anyone|anybody|a person|a human|a real person|an agent"
                                + "|a representative|a manager) (?:i|we) (?:can|could|may) (?:talk|speak|chat)"
                                + " (?:to|with)\\b"),
                        Phrasebooks.p("\\b(?:can|could|would|will) (?:someone|somebody|anyone|a person|a human|an agent"
                                + "|a representative|a manager|one of your (?:agents|staff|team)|your team)"
                                + "(?: (?:from|at|in|on) (?:your|the) \\w+)? (?:call|contact|email|ring|phone|help"
                                + "|talk to|speak to|speak with|talk with|get back to|reach out to) (?:me|us)\\b"),
                        Phrasebooks.p("\\b(?:contact|reach|call|ring)(?: " + mod + ")* (?:human|humans|agent|live agent"
                                + "|representative|rep|operator|manager|supervisor|real person|customer service"
                                + "|customer support|support team)\\b" + notAfter)),
                List.of(
                        Phrasebooks.p("\\b(?:real|live|actual) (?:person|human|human being|people|agent|humans)\\b"),
                        Phrasebooks.p(
                                "\\bhuman (?:agent|support|help|assistance|representative|operator|contact|service"
                                        + "|response|reply)\\b"),
                        Phrasebooks.p("\\b(?:a|an|the|any|some) (?:human|humans)\\b" + notAfter)),
                Phrasebooks.p("^(?:(?:hi|hello|hey|ok|okay|um|uh|so|just|please|pls|yes|yeah|now) )*"
                        + "(?:(?:i want|i need|i d like|i would like|want|need|get me|give me|can i have|can i get"
                        + "|could i get|could i have|may i have|(?:talk|speak) (?:to|with)|connect me to"
                        + "|transfer me to|transfer to) )?(?:(?:a|an|the|some|your|real|live|actual|human) )*"
                        + "(?:person|human|humans|human being|agent|agents|live agent|representative|rep|operator"
                        + "|people|manager|supervisor|customer service|customer care|customer support|real person"
                        + "|customer (?:service|support|care) (?:representative|rep|agent|person|team)"
                        + "|somebody real|someone real)"
                        + "(?: (?:please|pls|plz|now|asap|thanks|thank you|right now|immediately|again))*$"),
                Phrasebooks.p(
                        "\\b(?:don t|dont|do not|doesn t|does not|didn t|did not|won t|wont|will not|wouldn t|would not"
                                + "|never|no need|not necessary|without|rather not|prefer not|not want|not need|not trying"
                                + "|tried|already)\\b(?: \\w+){0,4}$|\\bno$"),
                Phrasebooks.p("\\b(?:can t|cant|cannot|can not|couldn t|could not|unable|not able|not allowed"
                        + "|won t (?:you |u )?let|wont (?:you |u )?let)\\b"),
                Phrasebooks.p(
                        "(?:\\b(?:are|r) (?:you|u)|\\b(?:is|was) (?:this|it|that)|\\bam i (?:talking|speaking|chatting)"
                                + "|\\b(?:you|u) (?:re|are)|\\bi m (?:talking|speaking|chatting)|\\bif (?:you|u) (?:are|re)"
                                + "|\\b(?:if|whether))(?: \\w+){0,3}$"),
                List.of(
                        Phrasebooks.p("\\b(?:connect|transfer|put|pass|hand|switch|forward|refer|escalate|bring|get)"
                                + " (?:you|this|it|your \\w+)(?: (?:over|through|back|directly))?"
                                + " (?:to|with|in touch with|through to|over to)\\b(?: \\w+){0,4}? " + offerHead
                                + "\\b"),
                        Phrasebooks.p(
                                "\\b(?:would you like|do you want|would you prefer|do you wish|want me|shall i|should i"
                                        + "|can i|may i|i can|i could|happy to|glad to|let me|i ll|i will)\\b(?: \\w+){0,4}?"
                                        + " (?:connect|transfer|hand|pass|put|get|bring|find|loop in|fetch|call)\\b"
                                        + "(?: \\w+){0,5}? " + offerHead + "\\b"),
                        Phrasebooks.p("\\b(?:would you like|do you want|would you prefer|do you wish|prefer|want)"
                                + " (?:to )?(?:speak|talk|chat|be connected|be transferred|be put through)\\b"
                                + "(?: \\w+){0,5}? " + offerHead + "\\b")),
                Phrasebooks.p(
                        "\\b(?:can t|cant|cannot|can not|unable|not able|couldn t|could not|no one|nobody|not possible"
                                + "|don t|do not|won t|will not|not)\\b"),
                yes,
                Phrasebooks.plus(
                        yes,
                        "thanks thank you thx ty that thats s would be nice i d like love to do it go for connect "
                                + "me transfer a an the person human agent someone with let lets sounds all right of now "
                                + "away asap appreciate much very so just oh well then really sir madam"),
                List.of("why not"));
    }
}
