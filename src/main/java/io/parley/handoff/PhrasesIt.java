package io.parley.handoff;

import java.util.List;
import java.util.Set;

/** Italian: how customers ask for a person, how the assistant offers one, and a short yes. */
final class PhrasesIt {

    private PhrasesIt() {}

    static Phrasebook phrasebook() {
        String head = Phrasebooks.any("un operatore|una operatrice|operatore|operatrice|una persona|persona reale|"
                + "una persona reale|una persona vera|persona vera|un umano|umano|un essere umano|"
                + "essere umano|qualcuno|un agente|un consulente|consulente|un addetto|un addetta|addetto|"
                + "l assistenza|assistenza clienti|l assistenza clienti|il servizio clienti|"
                + "servizio clienti|un responsabile|il responsabile|un tecnico|un collega|un impiegato|"
                + "un dipendente|un supervisore|il supervisore|il direttore|il manager|un rappresentante|"
                + "il vostro team|il team|lo staff|un referente");
        String mod = Phrasebooks.any(
                "un|una|uno|il|la|l|lo|del|della|di|vostro|vostra|suo|sua|vero|vera|reale|direttamente");
        String notAfter =
                "(?! (?:immobiliare|di (?:viaggio|commercio|polizia)|del corriere|della consegna|di consegna)\\b)";
        String offerHead = Phrasebooks.any(
                "operatore|operatrice|operatori|collega|colleghi|team|consulente|consulenti|persona|umano|"
                        + "addetto|specialista|qualcuno|assistenza|responsabile");
        Set<String> yes = Phrasebooks.words(
                "si certo ok okay bene certamente volentieri perfetto accordo sicuro sicuramente ovvio "
                        + "ovviamente dai favore piacere pure assolutamente esatto benissimo ottimo procedi vai "
                        + "magari va");
        return new Phrasebook(
                "it",
                List.of(
                        Phrasebooks.p("\\b(?:parlare|chattare|conversare|comunicare|chiacchierare|interloquire)"
                                + "(?: (?:direttamente|subito|ora|adesso))? (?:con|a|al|alla|col|coi|ad)(?: " + mod
                                + ")* " + head + "\\b" + notAfter),
                        Phrasebooks.p(
                                "\\b(?:passami|passatemi|mi passi|mi passa|mi passate|mi puoi passare|mi puo passare"
                                        + "|mi potete passare|mettimi|mettetemi|mi metta|mi metti|mettermi|mi mettete"
                                        + "|trasferiscimi|trasferitemi|mi trasferisca|mi trasferisci|collegami|collegatemi"
                                        + "|mi colleghi|mi collega|mi collegate|contattare|chiamare)"
                                        + "(?: (?:in contatto|in comunicazione|subito|per favore|direttamente))?"
                                        + "(?: (?:con|a|al|alla|col))?(?: " + mod + ")* " + head + "\\b" + notAfter),
                        Phrasebooks.p(
                                "\\b(?:voglio|vorrei|ho bisogno di|ho bisogno d|mi serve|chiedo|desidero|preferisco"
                                        + "|preferirei|datemi|mi dia|mi date|esigo|pretendo)(?: (?:parlare|con|un|una|uno|l"
                                        + "|il|la|di|d|essere|assistito|assistita|da))* (?:operatore|operatrice|umano"
                                        + "|essere umano|persona vera|persona reale|consulente|addetto|addetta|agente"
                                        + "|responsabile|supervisore|assistenza umana|referente)\\b" + notAfter)),
                List.of(Phrasebooks.p("\\b(?:persona (?:vera|reale|in carne e ossa)|essere umano|assistenza umana"
                        + "|operatore umano|supporto umano|umano vero|vero umano)\\b")),
                Phrasebooks.p("^(?:(?:ciao|salve|buongiorno|ok|si|per favore|voglio|vorrei|un|una) )*"
                        + "(?:operatore|operatrice|umano|persona|consulente|agente|assistenza|persona vera|persona reale"
                        + "|essere umano|servizio clienti|assistenza clienti|addetto)"
                        + "(?: (?:per favore|per piacere|grazie|subito|ora|adesso|prego|urgente))*$"),
                Phrasebooks.p("\\b(?:non|mai|senza|nessun|nessuno|nessuna|gia)\\b(?: \\w+){0,4}$"),
                Phrasebooks.p(
                        "\\bnon (?:posso|puo|possiamo|riesco|riesci|riusciamo|si puo|e possibile|c e modo|mi fate|mi fa"
                                + "|mi lasci|mi lasciate)\\b|\\bperche non\\b"),
                Phrasebooks.p("(?:\\b(?:sei|siete|e lei|sei tu|lei e|tu sei)|(?<!\\bc )\\be (?:un|una)"
                        + "|\\b(?:sto|stiamo) (?:parlando|chattando|scrivendo) con|\\bparlo con)(?: \\w+){0,3}$"),
                List.of(
                        Phrasebooks.p(
                                "\\b(?:metta|mettere|metterti|metterla|metterlo|mettervi|metto|passi|passare|passarti"
                                        + "|passarla|passarlo|passo|trasferisca|trasferire|trasferirti|trasferirla|trasferisco"
                                        + "|colleghi|collegare|collegarti|collegarla|collego|inoltrare|inoltro|inoltri)\\b"
                                        + "(?: \\w+){0,3}? (?:con|a|al|alla|ad|all)\\b(?: \\w+){0,4}? " + offerHead
                                        + "\\b"),
                        Phrasebooks.p("\\b(?:vuoi|vuole|volete|desideri|desidera|preferisci|preferisce|ti piacerebbe"
                                + "|le piacerebbe|gradisci|gradisce)\\b(?: \\w+){0,2}? (?:parlare|chattare"
                                + "|essere messo|essere messa|essere trasferito|essere trasferita)\\b(?: \\w+){0,5}? "
                                + offerHead + "\\b")),
                Phrasebooks.p("\\b(?:non|nessuno|nessun|impossibile)\\b"),
                yes,
                Phrasebooks.plus(
                        yes, "grazie per d mi passi un operatore con molto prego sarebbe grande fantastico la mille"),
                List.of("perche no"));
    }
}
