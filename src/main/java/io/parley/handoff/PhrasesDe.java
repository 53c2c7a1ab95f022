package io.parley.handoff;

import java.util.List;
import java.util.Set;

/** German: how customers ask for a person, how the assistant offers one, and a short yes. */
final class PhrasesDe {

    private PhrasesDe() {}

    static Phrasebook phrasebook() {
        String head = Phrasebooks.any(
                "menschen|mensch|mitarbeiter|mitarbeiterin|mitarbeitenden|berater|beraterin|kundenberater|"
                        + "kundenberaterin|kundendienst|kundenservice|person|agenten|agentin|servicemitarbeiter|"
                        + "servicemitarbeiterin|support|supportmitarbeiter|verantwortlichen|chef|vorgesetzten|"
                        + "kollegen|kollegin|ansprechpartner|ansprechpartnerin|operator|hotline|jemandem|team|"
                        + "teammitglied|sachbearbeiter|sachbearbeiterin|techniker");
        String mod =
                Phrasebooks.any("einem|einer|einen|dem|der|den|ihrem|ihrer|ihren|eurem|eurer|echten|echte|richtigen|"
                        + "richtige|menschlichen|lebenden|realen|wirklichen|zustandigen|zustaendigen|aus|von|ihr");
        String verbs =
                Phrasebooks.any("sprechen|reden|chatten|schreiben|telefonieren|verbunden|verbinden|kommunizieren|"
                        + "unterhalten|weiterleiten|weitergeleitet|weiterverbinden|durchstellen|ubergeben|"
                        + "uebergeben|weitergeben");
        String noun = Phrasebooks.any("mitarbeiter|mitarbeiterin|menschen|mensch|berater|beraterin|kundenberater|"
                + "kundenberaterin|agenten|servicemitarbeiter|vorgesetzten|ansprechpartner|"
                + "ansprechpartnerin|kundendienst|kundenservice|echte person|echten person|richtige person|"
                + "sachbearbeiter|sachbearbeiterin");
        String notAfter = "(?!(?: \\w+){0,3} (?:melden|anzeigen|bewerten|loben|kundigen|entlassen)\\b)";
        String offerHead =
                Phrasebooks.any("mitarbeiter|mitarbeiterin|mitarbeitenden|kollegen|kollegin|team|berater|beraterin|"
                        + "menschen|person|agenten|kundenservice|kundendienst|support|spezialisten|ansprechpartner|"
                        + "fachabteilung|jemandem");
        Set<String> yes =
                Phrasebooks.words("ja jawohl jap jep jo jaa gerne gern klar bitte naturlich natuerlich genau sicher "
                        + "einverstanden gut passt prima unbedingt fall super toll ok okay okey logo "
                        + "selbstverstandlich selbstverstaendlich");
        return new Phrasebook(
                "de",
                List.of(
                        Phrasebooks.p("\\b(?:mit|an|zu|zum|zur)(?: " + mod + ")* " + head + "\\b(?: \\w+){0,4}? "
                                + verbs + "\\b"),
                        Phrasebooks.p("\\b(?:sprechen|reden|chatten) (?:mit|zu)(?: " + mod + ")* " + head + "\\b"),
                        Phrasebooks.p(
                                "\\b(?:(?:einen|einem|eine|einer|den|die|ihren)(?: (?:echten|echte|richtigen|richtige"
                                        + "|menschlichen|zustandigen|zustaendigen))? " + noun
                                        + "|jemanden)\\b(?: \\w+){0,3}?"
                                        + " (?:sprechen|erreichen|kontaktieren|anrufen|holen|dazuholen)\\b"),
                        Phrasebooks.p("\\b(?:verbinden sie mich|verbinde mich|verbindet mich|stellen sie mich durch"
                                + "|stell mich durch|leiten sie mich weiter|leite mich weiter)\\b(?: \\w+){0,2}?"
                                + "(?: (?:mit|an|zu|zum|zur))?(?: " + mod + ")* " + head + "\\b"),
                        Phrasebooks.p(
                                "\\b(?:ich (?:mochte|moechte|will|brauche|hatte gern|haette gern|hatte gerne|haette gerne"
                                        + "|wunsche|wuensche|verlange|benotige|benoetige|bestehe auf)|kann ich|konnte ich"
                                        + "|koennte ich|darf ich|bitte|geben sie mir|gib mir|holen sie|hol)"
                                        + "(?: (?:gern|gerne|bitte|jetzt|sofort|endlich|einfach|doch|mal|einen|eine|einem"
                                        + "|einer|den|die|mit|echten|echte|richtigen|richtige|menschlichen|lebenden))* "
                                        + noun + "\\b" + notAfter)),
                List.of(
                        Phrasebooks.p("\\b(?:echte[nmrs]?|richtige[nmrs]?|lebende[nmrs]?|reale[nmrs]?|wirkliche[nmrs]?)"
                                + " (?:mensch|menschen|person|mitarbeiter|mitarbeiterin|ansprechpartner)\\b"),
                        Phrasebooks.p(
                                "\\bmenschliche[nmrs]? (?:mitarbeiter|mitarbeiterin|berater|beraterin|ansprechpartner|hilfe"
                                        + "|unterstutzung|unterstuetzung|support|kontakt)\\b")),
                Phrasebooks.p("^(?:(?:hallo|hi|guten tag|ok|ja|bitte|einen|ein|eine|mit|sofort|jetzt) )*"
                        + "(?:mitarbeiter|mitarbeiterin|mensch|menschen|berater|beraterin|kundenberater|kundendienst"
                        + "|kundenservice|echter mensch|echten menschen|echte person|ansprechpartner|support|agent"
                        + "|servicemitarbeiter|menschlicher mitarbeiter|operator)"
                        + "(?: (?:bitte|jetzt|sofort|danke|dringend))*$"),
                Phrasebooks.p("\\b(?:nicht|kein|keine|keinen|keinem|keiner|nie|niemals|ohne|war|wurde|bereits|schon)\\b"
                        + "(?: \\w+){0,4}$"),
                Phrasebooks.p("\\b(?:kann|kannst|konnen|koennen|darf|durfen|duerfen|geht|gibt es) (?:\\w+ ){0,2}?"
                        + "(?:nicht|keine|keinen|keinem)\\b"),
                Phrasebooks.p("(?:\\b(?:bist du|sind sie|ist das|bin ich hier|ist hier|seid ihr)"
                        + "|\\b(?:spreche|rede|chatte|schreibe) ich (?:hier )?mit|\\b(?:du bist|sie sind))"
                        + "(?: \\w+){0,3}$"),
                List.of(Phrasebooks.p(
                        "\\b(?:soll ich|sollen wir|darf ich|kann ich|konnen wir|koennen wir|ich kann|wir konnen"
                                + "|wir koennen|ich konnte|ich koennte|mochten sie|moechten sie|mochtest du|moechtest du"
                                + "|wollen sie|willst du|ich verbinde|ich leite|verbinde ich|ich stelle)\\b(?: \\w+){0,4}?"
                                + " (?:mit|an|zu|zum|zur)\\b(?: \\w+){0,3}? " + offerHead + "\\b")),
                Phrasebooks.p("\\b(?:nicht|kein|keine|keinen|leider|niemand)\\b"),
                yes,
                Phrasebooks.plus(
                        yes,
                        "danke das ware waere sehr mich verbinden sie einem mit mitarbeiter machen doch na auf "
                                + "jeden ich schon schoen nett es dann los gerne sehr"),
                List.of("warum nicht"));
    }
}
