package io.parley.handoff;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The phrasebook of each language the recogniser knows, keyed by ISO 639-1 code. Patterns run on {@link Folded} text:
 * lower case, no accents, apostrophes as spaces ("quelqu'un" is {@code quelqu un}), clause breaks as {@code " . "}.
 *
 * <p>A single word that is also an ordinary noun ("agent", "Mitarbeiter", "operatore") only counts as a request when
 * it is a whole clause; inside a sentence a request needs a verb or a phrase around it ("talk to an agent", "mit einem
 * Mitarbeiter sprechen"). Past tenses ("I spoke to an agent") are deliberately not in the verb lists.
 */
final class Phrasebooks {

    static final Map<String, Phrasebook> ALL = Map.of(
            "en", english(),
            "es", spanish(),
            "fr", french(),
            "de", german(),
            "it", italian(),
            "pt", portuguese(),
            "nl", dutch());

    private Phrasebooks() {}

    private static Phrasebook english() {
        String head = any("person|people|human|humans|human being|agent|agents|live agent|representative|"
                + "representatives|rep|operator|someone|somebody|anyone|anybody|staff|staff member|employee|"
                + "manager|supervisor|advisor|adviser|customer service|customer support|customer care|"
                + "support team|support staff|service team|team|team member|specialist|associate|consultant|"
                + "colleague|live chat|person in charge|boss|owner|helpdesk|help desk");
        String strict = any("human|humans|human being|agent|live agent|representative|rep|operator|manager|supervisor|"
                + "real person|live person|actual person|real human|person in charge|human agent|"
                + "customer service|customer support|customer care");
        String mod = any("a|an|the|some|your|one|of|real|live|actual|human|customer|support|service|sales|member|"
                + "from|company|store|shop|technical|tech|other|another|different");
        String notAfter = "(?! "
                + any("fee|fees|commission|number|code|id|portal|login|account|app|error|errors|rights|"
                        + "resources|body|nature|mistake|discount|price|prices|cost|costs|rate|rates|license|"
                        + "licence|being|s")
                + "\\b)";
        String offerHead = any("someone|somebody|colleague|colleagues|team|agent|agents|person|human|representative|"
                + "specialist|staff|member|people|support|manager|supervisor|advisor|adviser|operator|"
                + "expert|experts");
        Set<String> yes = words("yes yeah yep yup ya yea yah yess yesss y sure ok okay okey k kk alright absolutely "
                + "definitely certainly please pls plz course ahead perfect great fine good cool indeed "
                + "exactly correct deal lovely awesome aye");
        return new Phrasebook(
                "en",
                List.of(
                        p("\\b(?:talk|speak|chat|communicate)(?: (?:directly|now|right now|again))? (?:to|with)(?: "
                                + mod + ")* " + head + "\\b" + notAfter),
                        p("\\b(?:connect|transfer|put|pass|hand|switch|forward|redirect|get|give|find|bring) (?:me|us)"
                                + "(?: (?:over|through|back|directly|now|right now|straight|on))?"
                                + "(?: (?:to|with|through to|over to))?(?: " + mod + ")* " + head + "\\b" + notAfter),
                        p("\\b(?:transfer|connect|forward) me(?: (?:please|pls|plz|now|asap))*(?= \\.|$)"),
                        p("\\bescalate (?:this|it|me|my \\w+|the (?:case|issue|matter|complaint|ticket|problem))\\b"),
                        p("\\b(?:want|wanna|need|(?:d|would) like|prefer|request|requesting|demand|get"
                                + "|(?:can|could|may) (?:i|we) (?:have|get|see))"
                                + "(?: (?:to (?:talk|speak|chat) (?:to|with)|to (?:get|have|see|reach|contact)|for))?"
                                + "(?: (?:a|an|the|some|your|one|of|real|live|actual|customer|service|human))* "
                                + strict + "\\b" + notAfter),
                        p("\\b(?:someone|somebody|anyone|anybody|a person|a human|a real person|an agent"
                                + "|a representative|a manager) (?:i|we) (?:can|could|may) (?:talk|speak|chat)"
                                + " (?:to|with)\\b"),
                        p("\\b(?:can|could|would|will) (?:someone|somebody|anyone|a person|a human|an agent"
                                + "|a representative|a manager|one of your (?:agents|staff|team)|your team)"
                                + "(?: (?:from|at|in|on) (?:your|the) \\w+)? (?:call|contact|email|ring|phone|help"
                                + "|talk to|speak to|speak with|talk with|get back to|reach out to) (?:me|us)\\b"),
                        p("\\b(?:contact|reach|call|ring)(?: " + mod + ")* (?:human|humans|agent|live agent"
                                + "|representative|rep|operator|manager|supervisor|real person|customer service"
                                + "|customer support|support team)\\b" + notAfter)),
                List.of(
                        p("\\b(?:real|live|actual) (?:person|human|human being|people|agent|humans)\\b"),
                        p("\\bhuman (?:agent|support|help|assistance|representative|operator|contact|service"
                                + "|response|reply)\\b"),
                        p("\\b(?:a|an|the|any|some) (?:human|humans)\\b" + notAfter)),
                p("^(?:(?:hi|hello|hey|ok|okay|um|uh|so|just|please|pls|yes|yeah|now) )*"
                        + "(?:(?:i want|i need|i d like|i would like|want|need|get me|give me|can i have|can i get"
                        + "|could i get|could i have|may i have|(?:talk|speak) (?:to|with)|connect me to"
                        + "|transfer me to|transfer to) )?(?:(?:a|an|the|some|your|real|live|actual|human) )*"
                        + "(?:person|human|humans|human being|agent|agents|live agent|representative|rep|operator"
                        + "|people|manager|supervisor|customer service|customer care|customer support|real person"
                        + "|customer (?:service|support|care) (?:representative|rep|agent|person|team)"
                        + "|somebody real|someone real)"
                        + "(?: (?:please|pls|plz|now|asap|thanks|thank you|right now|immediately|again))*$"),
                p("\\b(?:don t|dont|do not|doesn t|does not|didn t|did not|won t|wont|will not|wouldn t|would not"
                        + "|never|no need|not necessary|without|rather not|prefer not|not want|not need|not trying"
                        + "|tried|already)\\b(?: \\w+){0,4}$|\\bno$"),
                p("\\b(?:can t|cant|cannot|can not|couldn t|could not|unable|not able|not allowed"
                        + "|won t (?:you |u )?let|wont (?:you |u )?let)\\b"),
                p("(?:\\b(?:are|r) (?:you|u)|\\b(?:is|was) (?:this|it|that)|\\bam i (?:talking|speaking|chatting)"
                        + "|\\b(?:you|u) (?:re|are)|\\bi m (?:talking|speaking|chatting)|\\bif (?:you|u) (?:are|re)"
                        + "|\\b(?:if|whether))(?: \\w+){0,3}$"),
                List.of(
                        p("\\b(?:connect|transfer|put|pass|hand|switch|forward|refer|escalate|bring|get)"
                                + " (?:you|this|it|your \\w+)(?: (?:over|through|back|directly))?"
                                + " (?:to|with|in touch with|through to|over to)\\b(?: \\w+){0,4}? " + offerHead
                                + "\\b"),
                        p("\\b(?:would you like|do you want|would you prefer|do you wish|want me|shall i|should i"
                                + "|can i|may i|i can|i could|happy to|glad to|let me|i ll|i will)\\b(?: \\w+){0,4}?"
                                + " (?:connect|transfer|hand|pass|put|get|bring|find|loop in|fetch|call)\\b"
                                + "(?: \\w+){0,5}? " + offerHead + "\\b"),
                        p("\\b(?:would you like|do you want|would you prefer|do you wish|prefer|want)"
                                + " (?:to )?(?:speak|talk|chat|be connected|be transferred|be put through)\\b"
                                + "(?: \\w+){0,5}? " + offerHead + "\\b")),
                p("\\b(?:can t|cant|cannot|can not|unable|not able|couldn t|could not|no one|nobody|not possible"
                        + "|don t|do not|won t|will not|not)\\b"),
                yes,
                plus(
                        yes,
                        "thanks thank you thx ty that thats s would be nice i d like love to do it go for connect "
                                + "me transfer a an the person human agent someone with let lets sounds all right of now "
                                + "away asap appreciate much very so just oh well then really sir madam"),
                List.of("why not"));
    }

    private static Phrasebook spanish() {
        String head = any("una persona|persona real|una persona real|persona de verdad|una persona de verdad|"
                + "un humano|humano|un ser humano|ser humano|un agente|agente|un asesor|una asesora|asesor|"
                + "un representante|representante|un operador|una operadora|operador|un empleado|"
                + "una empleada|empleado|alguien|atencion al cliente|servicio al cliente|soporte|el soporte|"
                + "un encargado|el encargado|un gerente|el gerente|un supervisor|el supervisor|"
                + "un responsable|el responsable|un companero|una companera|un especialista|un tecnico|"
                + "el servicio tecnico|servicio tecnico|un ejecutivo|una ejecutiva|el equipo|su equipo|"
                + "vuestro equipo|tu equipo");
        String mod = any("alguna|algun|real|de|verdad|vuestro|vuestra|su|sus|tu|tus");
        String notAfter = "(?! (?:de (?:aduanas|viajes|seguros|transporte|la paqueteria)|inmobiliario)\\b)";
        String offerHead = any("agente|agentes|persona|personas|companero|companera|companeros|equipo|asesor|asesora|"
                + "asesores|humano|alguien|representante|especialista|operador|operadora|responsable|"
                + "encargado");
        Set<String> yes = words("si sii sip claro vale dale porfa favor perfecto bueno adelante acuerdo hazlo hagalo "
                + "supuesto listo bien genial obvio venga okey ok va sale correcto exacto luego");
        return new Phrasebook(
                "es",
                List.of(
                        p("\\b(?:hablar|conversar|chatear|charlar|comunicarme|comunicarse|contactar|contactarme"
                                + "|contactarse|platicar)(?: (?:directamente|ya|ahora))? (?:con|a)(?: " + mod + ")* "
                                + head + "\\b" + notAfter),
                        p("\\b(?:pasame|pasenme|paseme|pasarme|me pasas|me pasa|me pasan|me puedes pasar|me puede pasar"
                                + "|me podrias pasar|me podria pasar|ponme|ponerme|pongame|me pones|me pone|comunicame"
                                + "|comuniqueme|transfiereme|transfierame|transferirme|me transfieres|me transfiere"
                                + "|derivame|derivarme|me derivas|me deriva|conectame|conecteme|conectarme|me conectas"
                                + "|me conecta)(?: (?:en contacto|ya|ahora|por favor))?(?: (?:con|a|al))?(?: " + mod
                                + ")* " + head + "\\b" + notAfter),
                        p("\\b(?:quiero|quisiera|necesito|me gustaria|deseo|prefiero|solicito|pido|exijo|dame|denme"
                                + "|deme|puedo tener|podria tener)(?: (?:hablar|contactar|un|una|con|el|la|a"
                                + "|por favor))* (?:humano|ser humano|persona real|persona de verdad|agente|asesor"
                                + "|asesora|representante|operador|operadora|supervisor|gerente|encargado"
                                + "|atencion humana)\\b" + notAfter),
                        p(
                                "\\b(?:que me atienda|que me atiendan|ser atendido por|ser atendida por)(?: (?:un|una|el|la))?"
                                        + " (?:persona|humano|ser humano|agente|asesor|asesora|representante|operador"
                                        + "|operadora|alguien)\\b")),
                List.of(
                        p("\\b(?:atencion|asistencia|ayuda|soporte) (?:humana|humano)\\b"),
                        p("\\b(?:persona|humano|agente|alguien) (?:real|de verdad|de carne y hueso)\\b")),
                p("^(?:(?:hola|buenas|ok|vale|por favor|porfa|si|ya|quiero|necesito|pasame con|hablar con|un|una) )*"
                        + "(?:agente|humano|persona|asesor|asesora|operador|operadora|representante|persona real"
                        + "|ser humano|atencion al cliente|servicio al cliente|atencion humana|alguien real)"
                        + "(?: (?:por favor|porfa|ya|ahora|gracias|urgente))*$"),
                p("\\b(?:no|nunca|sin|tampoco|ni|ya)\\b(?: \\w+){0,4}$"),
                p("\\bno (?:puedo|puede|podemos|consigo|logro|me dejan|me deja|se puede|es posible|hay forma"
                        + "|hay manera|se como|se donde)\\b|\\bpor que no\\b"),
                p("(?:\\b(?:eres|sos|es usted|sois|es esto|esto es|eres tu)"
                        + "|\\b(?:estoy|estamos) (?:hablando|chateando|conversando) con|\\bhablo con)(?: \\w+){0,3}$"),
                List.of(
                        p("\\b(?:ponerte|ponerle|ponerlo|ponerla|ponga|pongo|pasarte|pasarle|pasarlo|pasarla|paso|pase"
                                + "|transferirte|transferirle|transfiera|transfiero|comunicarte|comunicarle|comunique"
                                + "|comunico|derivarte|derivarle|derive|derivo|conectarte|conectarle|conecte|conecto)\\b"
                                + "(?: \\w+){0,3}? (?:con|a|al)\\b(?: \\w+){0,4}? " + offerHead + "\\b"),
                        p("\\b(?:quieres|quiere|queres|te gustaria|le gustaria|desea|deseas|prefieres|prefiere"
                                + "|preferirias|preferiria)\\b(?: \\w+){0,2}? (?:hablar|conversar|chatear|ser atendido"
                                + "|ser atendida) (?:con|por)\\b(?: \\w+){0,4}? " + offerHead + "\\b")),
                p("\\b(?:no|ni|nadie|imposible)\\b"),
                yes,
                plus(
                        yes,
                        "por gracias muchas mil me gustaria seria estupendo de con una persona un agente alguien "
                                + "desde muy esta pasame eso vamos ya"),
                List.of("por que no"));
    }

    private static Phrasebook french() {
        String head = any("un conseiller|une conseillere|conseiller|conseillere|un humain|humain|une personne|"
                + "une vraie personne|vraie personne|personne reelle|une personne reelle|un etre humain|"
                + "etre humain|un agent|un operateur|une operatrice|operateur|un employe|une employee|"
                + "quelqu un|le service client|service client|le service clientele|service clientele|"
                + "un responsable|le responsable|un interlocuteur|une interlocutrice|un collaborateur|"
                + "une collaboratrice|un technicien|le sav|sav|le support|un superviseur|le manager|"
                + "un manager|le gerant|un gerant|votre equipe|l equipe|un vrai humain");
        String mod = any("un|une|le|la|l|vrai|vraie|de|du|des|votre|vos");
        String notAfter = "(?! (?:immobilier|de (?:voyage|voyages|police|securite|change|livraison)|d assurances?)\\b)";
        String offerHead = any("conseiller|conseillere|conseillers|collegue|collegues|equipe|agent|agents|humain|"
                + "personne|specialiste|operateur|operatrice|responsable|quelqu un|service client");
        Set<String> yes = words("oui ouais ouaip ouii ok accord daccord volontiers sur parfait allez certainement "
                + "evidemment absolument marche entendu carrement plait svp stp super vas bien plaisir go");
        return new Phrasebook(
                "fr",
                List.of(
                        p("\\b(?:parler|discuter|echanger|communiquer|chatter|m entretenir)"
                                + "(?: (?:directement|maintenant|tout de suite))? (?:a|avec|au|aux)(?: " + mod + ")* "
                                + head + "\\b" + notAfter),
                        p("\\b(?:mettre|mettez|mets|mis|mise)(?: moi)? en (?:relation|contact|communication|liaison)"
                                + " avec(?: " + mod + ")* " + head + "\\b" + notAfter),
                        p("\\b(?:passez|passe|passer|transferez|transferer|transfere|redirigez|rediriger|orientez"
                                + "|orienter|connectez|connecter|joindre|contacter|avoir|appeler)(?: moi)?"
                                + "(?: (?:vers|a|au|avec))?(?: " + mod + ")* " + head + "\\b" + notAfter),
                        p("\\b(?:je veux|je voudrais|j aimerais|je souhaite|je souhaiterais|il me faut|je demande"
                                + "|je prefere|je prefererais|je desire|donnez moi|je veux bien|besoin d)"
                                + "(?: (?:parler|avoir|a|au|avec|un|une|le|la|l))* (?:humain|conseiller|conseillere"
                                + "|vraie personne|personne reelle|agent|operateur|operatrice|etre humain"
                                + "|interlocuteur|responsable|superviseur|vrai humain)\\b" + notAfter)),
                List.of(p("\\b(?:vraie personne|personne reelle|vrai humain|etre humain|personne physique"
                        + "|interlocuteur humain|conseiller humain|agent humain)\\b")),
                p("^(?:(?:bonjour|salut|ok|oui|svp|s il vous plait|je veux|je voudrais|un|une) )*"
                        + "(?:conseiller|conseillere|humain|agent|operateur|operatrice|vraie personne|personne reelle"
                        + "|service client|service clientele|etre humain|quelqu un|sav)"
                        + "(?: (?:s il vous plait|s il te plait|svp|stp|merci|maintenant|vite|urgent))*$"),
                p("\\b(?:ne|n|pas|jamais|sans|aucun|aucune|plus besoin|viens d|deja)\\b(?: \\w+){0,4}$"),
                p("\\b(?:(?:ne|n) (?:peux|peut|puis|pouvons|pouvez|arrive|arrivez|arrivons|parviens|reussis) pas"
                        + "|impossible|pas moyen)\\b"),
                p("(?:\\b(?:etes vous|es tu|est ce que vous etes|est ce que tu es|vous etes|tu es|c est|est ce)"
                        + "|\\b(?:je parle|je discute|je suis en train de parler) (?:a|avec))(?: \\w+){0,3}$"),
                List.of(
                        p("\\b(?:mettre|mette|mets|mettrai|transferer|transfere|transfererai|passer|passe|passerai"
                                + "|rediriger|redirige|redirigerai|orienter|oriente|connecter|connecte)\\b(?: \\w+){0,3}?"
                                + " (?:avec|a|au|vers)\\b(?: \\w+){0,4}? " + offerHead + "\\b"),
                        p("\\b(?:voulez vous|veux tu|voudriez vous|souhaitez vous|souhaites tu|aimeriez vous"
                                + "|aimerais tu|preferez vous|preferes tu|desirez vous)\\b(?: \\w+){0,2}?"
                                + " (?:parler|discuter|echanger|etre mis|etre mise|etre transfere|etre transferee)\\b"
                                + "(?: \\w+){0,5}? " + offerHead + "\\b")),
                p("\\b(?:ne|n|pas|aucun|aucune|impossible)\\b"),
                yes,
                plus(yes, "d merci s il vous te je veux c est un une conseiller personne ca me avec tres y beaucoup"),
                List.of("pourquoi pas"));
    }

    private static Phrasebook german() {
        String head = any("menschen|mensch|mitarbeiter|mitarbeiterin|mitarbeitenden|berater|beraterin|kundenberater|"
                + "kundenberaterin|kundendienst|kundenservice|person|agenten|agentin|servicemitarbeiter|"
                + "servicemitarbeiterin|support|supportmitarbeiter|verantwortlichen|chef|vorgesetzten|"
                + "kollegen|kollegin|ansprechpartner|ansprechpartnerin|operator|hotline|jemandem|team|"
                + "teammitglied|sachbearbeiter|sachbearbeiterin|techniker");
        String mod = any("einem|einer|einen|dem|der|den|ihrem|ihrer|ihren|eurem|eurer|echten|echte|richtigen|"
                + "richtige|menschlichen|lebenden|realen|wirklichen|zustandigen|zustaendigen|aus|von|ihr");
        String verbs = any("sprechen|reden|chatten|schreiben|telefonieren|verbunden|verbinden|kommunizieren|"
                + "unterhalten|weiterleiten|weitergeleitet|weiterverbinden|durchstellen|ubergeben|"
                + "uebergeben|weitergeben");
        String noun = any("mitarbeiter|mitarbeiterin|menschen|mensch|berater|beraterin|kundenberater|"
                + "kundenberaterin|agenten|servicemitarbeiter|vorgesetzten|ansprechpartner|"
                + "ansprechpartnerin|kundendienst|kundenservice|echte person|echten person|richtige person|"
                + "sachbearbeiter|sachbearbeiterin");
        String notAfter = "(?!(?: \\w+){0,3} (?:melden|anzeigen|bewerten|loben|kundigen|entlassen)\\b)";
        String offerHead = any("mitarbeiter|mitarbeiterin|mitarbeitenden|kollegen|kollegin|team|berater|beraterin|"
                + "menschen|person|agenten|kundenservice|kundendienst|support|spezialisten|ansprechpartner|"
                + "fachabteilung|jemandem");
        Set<String> yes = words("ja jawohl jap jep jo jaa gerne gern klar bitte naturlich natuerlich genau sicher "
                + "einverstanden gut passt prima unbedingt fall super toll ok okay okey logo "
                + "selbstverstandlich selbstverstaendlich");
        return new Phrasebook(
                "de",
                List.of(
                        p("\\b(?:mit|an|zu|zum|zur)(?: " + mod + ")* " + head + "\\b(?: \\w+){0,4}? " + verbs + "\\b"),
                        p("\\b(?:sprechen|reden|chatten) (?:mit|zu)(?: " + mod + ")* " + head + "\\b"),
                        p("\\b(?:(?:einen|einem|eine|einer|den|die|ihren)(?: (?:echten|echte|richtigen|richtige"
                                + "|menschlichen|zustandigen|zustaendigen))? " + noun + "|jemanden)\\b(?: \\w+){0,3}?"
                                + " (?:sprechen|erreichen|kontaktieren|anrufen|holen|dazuholen)\\b"),
                        p("\\b(?:verbinden sie mich|verbinde mich|verbindet mich|stellen sie mich durch"
                                + "|stell mich durch|leiten sie mich weiter|leite mich weiter)\\b(?: \\w+){0,2}?"
                                + "(?: (?:mit|an|zu|zum|zur))?(?: " + mod + ")* " + head + "\\b"),
                        p("\\b(?:ich (?:mochte|moechte|will|brauche|hatte gern|haette gern|hatte gerne|haette gerne"
                                + "|wunsche|wuensche|verlange|benotige|benoetige|bestehe auf)|kann ich|konnte ich"
                                + "|koennte ich|darf ich|bitte|geben sie mir|gib mir|holen sie|hol)"
                                + "(?: (?:gern|gerne|bitte|jetzt|sofort|endlich|einfach|doch|mal|einen|eine|einem"
                                + "|einer|den|die|mit|echten|echte|richtigen|richtige|menschlichen|lebenden))* "
                                + noun + "\\b" + notAfter)),
                List.of(
                        p("\\b(?:echte[nmrs]?|richtige[nmrs]?|lebende[nmrs]?|reale[nmrs]?|wirkliche[nmrs]?)"
                                + " (?:mensch|menschen|person|mitarbeiter|mitarbeiterin|ansprechpartner)\\b"),
                        p("\\bmenschliche[nmrs]? (?:mitarbeiter|mitarbeiterin|berater|beraterin|ansprechpartner|hilfe"
                                + "|unterstutzung|unterstuetzung|support|kontakt)\\b")),
                p("^(?:(?:hallo|hi|guten tag|ok|ja|bitte|einen|ein|eine|mit|sofort|jetzt) )*"
                        + "(?:mitarbeiter|mitarbeiterin|mensch|menschen|berater|beraterin|kundenberater|kundendienst"
                        + "|kundenservice|echter mensch|echten menschen|echte person|ansprechpartner|support|agent"
                        + "|servicemitarbeiter|menschlicher mitarbeiter|operator)"
                        + "(?: (?:bitte|jetzt|sofort|danke|dringend))*$"),
                p("\\b(?:nicht|kein|keine|keinen|keinem|keiner|nie|niemals|ohne|war|wurde|bereits|schon)\\b"
                        + "(?: \\w+){0,4}$"),
                p("\\b(?:kann|kannst|konnen|koennen|darf|durfen|duerfen|geht|gibt es) (?:\\w+ ){0,2}?"
                        + "(?:nicht|keine|keinen|keinem)\\b"),
                p("(?:\\b(?:bist du|sind sie|ist das|bin ich hier|ist hier|seid ihr)"
                        + "|\\b(?:spreche|rede|chatte|schreibe) ich (?:hier )?mit|\\b(?:du bist|sie sind))"
                        + "(?: \\w+){0,3}$"),
                List.of(p("\\b(?:soll ich|sollen wir|darf ich|kann ich|konnen wir|koennen wir|ich kann|wir konnen"
                        + "|wir koennen|ich konnte|ich koennte|mochten sie|moechten sie|mochtest du|moechtest du"
                        + "|wollen sie|willst du|ich verbinde|ich leite|verbinde ich|ich stelle)\\b(?: \\w+){0,4}?"
                        + " (?:mit|an|zu|zum|zur)\\b(?: \\w+){0,3}? " + offerHead + "\\b")),
                p("\\b(?:nicht|kein|keine|keinen|leider|niemand)\\b"),
                yes,
                plus(
                        yes,
                        "danke das ware waere sehr mich verbinden sie einem mit mitarbeiter machen doch na auf "
                                + "jeden ich schon schoen nett es dann los gerne sehr"),
                List.of("warum nicht"));
    }

    private static Phrasebook italian() {
        String head = any("un operatore|una operatrice|operatore|operatrice|una persona|persona reale|"
                + "una persona reale|una persona vera|persona vera|un umano|umano|un essere umano|"
                + "essere umano|qualcuno|un agente|un consulente|consulente|un addetto|un addetta|addetto|"
                + "l assistenza|assistenza clienti|l assistenza clienti|il servizio clienti|"
                + "servizio clienti|un responsabile|il responsabile|un tecnico|un collega|un impiegato|"
                + "un dipendente|un supervisore|il supervisore|il direttore|il manager|un rappresentante|"
                + "il vostro team|il team|lo staff|un referente");
        String mod = any("un|una|uno|il|la|l|lo|del|della|di|vostro|vostra|suo|sua|vero|vera|reale|direttamente");
        String notAfter =
                "(?! (?:immobiliare|di (?:viaggio|commercio|polizia)|del corriere|della consegna|di consegna)\\b)";
        String offerHead =
                any("operatore|operatrice|operatori|collega|colleghi|team|consulente|consulenti|persona|umano|"
                        + "addetto|specialista|qualcuno|assistenza|responsabile");
        Set<String> yes = words("si certo ok okay bene certamente volentieri perfetto accordo sicuro sicuramente ovvio "
                + "ovviamente dai favore piacere pure assolutamente esatto benissimo ottimo procedi vai "
                + "magari va");
        return new Phrasebook(
                "it",
                List.of(
                        p("\\b(?:parlare|chattare|conversare|comunicare|chiacchierare|interloquire)"
                                + "(?: (?:direttamente|subito|ora|adesso))? (?:con|a|al|alla|col|coi|ad)(?: " + mod
                                + ")* " + head + "\\b" + notAfter),
                        p("\\b(?:passami|passatemi|mi passi|mi passa|mi passate|mi puoi passare|mi puo passare"
                                + "|mi potete passare|mettimi|mettetemi|mi metta|mi metti|mettermi|mi mettete"
                                + "|trasferiscimi|trasferitemi|mi trasferisca|mi trasferisci|collegami|collegatemi"
                                + "|mi colleghi|mi collega|mi collegate|contattare|chiamare)"
                                + "(?: (?:in contatto|in comunicazione|subito|per favore|direttamente))?"
                                + "(?: (?:con|a|al|alla|col))?(?: " + mod + ")* " + head + "\\b" + notAfter),
                        p("\\b(?:voglio|vorrei|ho bisogno di|ho bisogno d|mi serve|chiedo|desidero|preferisco"
                                + "|preferirei|datemi|mi dia|mi date|esigo|pretendo)(?: (?:parlare|con|un|una|uno|l"
                                + "|il|la|di|d|essere|assistito|assistita|da))* (?:operatore|operatrice|umano"
                                + "|essere umano|persona vera|persona reale|consulente|addetto|addetta|agente"
                                + "|responsabile|supervisore|assistenza umana|referente)\\b" + notAfter)),
                List.of(p("\\b(?:persona (?:vera|reale|in carne e ossa)|essere umano|assistenza umana"
                        + "|operatore umano|supporto umano|umano vero|vero umano)\\b")),
                p("^(?:(?:ciao|salve|buongiorno|ok|si|per favore|voglio|vorrei|un|una) )*"
                        + "(?:operatore|operatrice|umano|persona|consulente|agente|assistenza|persona vera|persona reale"
                        + "|essere umano|servizio clienti|assistenza clienti|addetto)"
                        + "(?: (?:per favore|per piacere|grazie|subito|ora|adesso|prego|urgente))*$"),
                p("\\b(?:non|mai|senza|nessun|nessuno|nessuna|gia)\\b(?: \\w+){0,4}$"),
                p("\\bnon (?:posso|puo|possiamo|riesco|riesci|riusciamo|si puo|e possibile|c e modo|mi fate|mi fa"
                        + "|mi lasci|mi lasciate)\\b|\\bperche non\\b"),
                p("(?:\\b(?:sei|siete|e lei|sei tu|lei e|tu sei)|(?<!\\bc )\\be (?:un|una)"
                        + "|\\b(?:sto|stiamo) (?:parlando|chattando|scrivendo) con|\\bparlo con)(?: \\w+){0,3}$"),
                List.of(
                        p("\\b(?:metta|mettere|metterti|metterla|metterlo|mettervi|metto|passi|passare|passarti"
                                + "|passarla|passarlo|passo|trasferisca|trasferire|trasferirti|trasferirla|trasferisco"
                                + "|colleghi|collegare|collegarti|collegarla|collego|inoltrare|inoltro|inoltri)\\b"
                                + "(?: \\w+){0,3}? (?:con|a|al|alla|ad|all)\\b(?: \\w+){0,4}? " + offerHead + "\\b"),
                        p("\\b(?:vuoi|vuole|volete|desideri|desidera|preferisci|preferisce|ti piacerebbe"
                                + "|le piacerebbe|gradisci|gradisce)\\b(?: \\w+){0,2}? (?:parlare|chattare"
                                + "|essere messo|essere messa|essere trasferito|essere trasferita)\\b(?: \\w+){0,5}? "
                                + offerHead + "\\b")),
                p("\\b(?:non|nessuno|nessun|impossibile)\\b"),
                yes,
                plus(yes, "grazie per d mi passi un operatore con molto prego sarebbe grande fantastico la mille"),
                List.of("perche no"));
    }

    private static Phrasebook portuguese() {
        String head = any("um atendente|uma atendente|atendente|um humano|humano|uma pessoa|pessoa real|"
                + "uma pessoa real|pessoa de verdade|uma pessoa de verdade|alguem|um agente|um consultor|"
                + "uma consultora|consultor|um operador|uma operadora|operador|um funcionario|"
                + "uma funcionaria|funcionario|o suporte|suporte|o atendimento|atendimento|um representante|"
                + "representante|um gerente|o gerente|o responsavel|um responsavel|um supervisor|"
                + "o supervisor|um ser humano|ser humano|um colaborador|uma colaboradora|o sac|sac|a equipe|"
                + "sua equipe|a equipa|um tecnico|um especialista");
        String mod = any("um|uma|o|a|algum|alguma|do|da|de|seu|sua|vosso|vossa|real|verdade|diretamente");
        String notAfter = "(?! (?:de (?:viagens|seguros|transito|policia|entrega)|imobiliario|da transportadora"
                + "|dos correios)\\b)";
        String offerHead = any("atendente|atendentes|colega|colegas|equipe|equipa|consultor|consultora|pessoa|humano|"
                + "especialista|agente|operador|alguem|time|responsavel|suporte");
        Set<String> yes =
                words("sim claro ok pode quero certo beleza perfeito favor certeza isso bora bom otimo fechado "
                        + "show pfv pf gostaria vamos s ss uhum aham blz ta top");
        return new Phrasebook(
                "pt",
                List.of(
                        p("\\b(?:falar|conversar|papear|teclar|comunicar|comunicar me|me comunicar|contatar|contactar)"
                                + "(?: (?:diretamente|agora|ja))?(?: (?:com|a|ao|pra|para|c))?(?: " + mod + ")* "
                                + head + "\\b" + notAfter),
                        p("\\b(?:me passa|me passe|me passar|passa me|passe me|passar me|me transfere|me transfira"
                                + "|me transferir|transfere me|transfira me|transferir me|me encaminha|me encaminhe"
                                + "|me encaminhar|encaminhe me|encaminha me|me conecta|me conecte|me conectar"
                                + "|conecte me|conecta me|me coloca|me coloque|me colocar|coloque me|coloca me)"
                                + "(?: (?:em contato|diretamente|agora|ja|por favor))?(?: (?:com|para|pra|a|ao))?"
                                + "(?: " + mod + ")* " + head + "\\b" + notAfter),
                        p("\\b(?:quero|queria|preciso|gostaria|necessito|prefiro|preferia|peco|solicito|desejo|exijo"
                                + "|me da|me de|tem como)(?: (?:de|falar|com|um|uma|o|a|ser|atendido|atendida|por))*"
                                + " (?:atendente|humano|pessoa real|pessoa de verdade|ser humano|atendimento humano"
                                + "|agente|consultor|consultora|operador|operadora|supervisor|gerente|responsavel"
                                + "|funcionario|funcionaria|representante)\\b" + notAfter)),
                List.of(p("\\b(?:atendimento humano|atendente humano|pessoa (?:real|de verdade)|ser humano"
                        + "|suporte humano|humano de verdade)\\b")),
                p("^(?:(?:oi|ola|bom dia|boa tarde|boa noite|ok|sim|por favor|quero|um|uma) )*"
                        + "(?:atendente|humano|pessoa|atendimento|atendimento humano|suporte|agente|operador|consultor"
                        + "|pessoa real|ser humano|funcionario)"
                        + "(?: (?:por favor|pfv|pf|agora|ja|obrigado|obrigada|urgente))*$"),
                p("\\b(?:nao|nunca|sem|nenhum|nenhuma|nem)\\b(?: \\w+){0,4}$"),
                p("\\bnao (?:consigo|consegue|posso|pode|da|e possivel|tem como|deixa|deixam)\\b"
                        + "|\\bpor ?que nao\\b"),
                p("(?:\\b(?:voce e|vc e|tu es|e voce|es um|es uma|isso e|sou atendido por)|(?<!\\btem )\\be (?:um|uma)"
                        + "|\\b(?:estou|to|tou) (?:falando|conversando|teclando) com|\\bfalo com)(?: \\w+){0,3}$"),
                List.of(
                        p("\\b(?:transfira|transferir|transfiro|passe|passar|passo|encaminhe|encaminhar|encaminho"
                                + "|conecte|conectar|conecto|coloque|colocar|coloco|direcione|direcionar|direciono)\\b"
                                + "(?: \\w+){0,3}? (?:para|pra|com|a|ao)\\b(?: \\w+){0,4}? " + offerHead + "\\b"),
                        p("\\b(?:quer|queres|gostaria|deseja|desejas|prefere|preferes)\\b(?: \\w+){0,2}?"
                                + " (?:falar|conversar|ser atendido|ser atendida|ser transferido|ser transferida)\\b"
                                + "(?: \\w+){0,5}? " + offerHead + "\\b")),
                p("\\b(?:nao|nenhum|nenhuma|ninguem|impossivel)\\b"),
                yes,
                plus(
                        yes,
                        "por obrigado obrigada com um uma atendente pessoa me passa transfere ser la seria muito "
                                + "valeu agora"),
                List.of("por que nao", "porque nao"));
    }

    private static Phrasebook dutch() {
        String head = any("een medewerker|medewerker|een medewerkster|medewerkster|iemand|een mens|mens|een persoon|"
                + "een echt persoon|een echte persoon|echte persoon|een echt mens|echt mens|"
                + "de klantenservice|klantenservice|een vertegenwoordiger|een adviseur|adviseur|een collega|"
                + "de helpdesk|helpdesk|een leidinggevende|de manager|een manager|een supervisor|de support|"
                + "support|een servicemedewerker|servicemedewerker|een operator|de baas|jullie team|"
                + "het team|de klantendienst|klantendienst|een specialist");
        String mod = any("een|de|het|jullie|uw|je|echte|echt|van|direct|even");
        String noun = any("medewerker|medewerkster|mens|persoon|adviseur|leidinggevende|manager|klantenservice|"
                + "servicemedewerker|helpdesk|collega|vertegenwoordiger");
        String offerHead = any("medewerker|medewerkers|medewerkster|collega|collegas|team|mens|persoon|adviseur|"
                + "specialist|klantenservice|iemand|helpdesk");
        Set<String> yes = words("ja graag ok oke okay prima goed zeker natuurlijk doe top akkoord jazeker jawel super "
                + "fijn mooi jep jup tuurlijk uiteraard gaarne");
        return new Phrasebook(
                "nl",
                List.of(
                        p("\\b(?:spreken|praten|chatten|bellen|communiceren|contact|contact opnemen)"
                                + "(?: (?:direct|even|nu))? (?:met|tegen)(?: " + mod + ")* " + head + "\\b"),
                        p("\\b(?:met|tegen)(?: " + mod + ")* " + head + "\\b(?: \\w+){0,4}? (?:spreken|praten|chatten"
                                + "|bellen|communiceren|verbonden|doorverbonden|in contact)\\b"),
                        p("\\b(?:(?:een|de|jullie)(?: (?:echte|echt|andere))? " + noun + "|iemand)"
                                + "(?: (?:van|bij) (?:jullie|uw|de|het) \\w+)? (?:spreken|bereiken"
                                + "|te spreken krijgen|aan de lijn)\\b"),
                        p("\\b(?:verbind|verbindt|verbinden|doorverbinden|doorverbind|doorschakelen|schakel|zet)"
                                + "(?: (?:me|mij|u|ons))?(?: (?:even|graag|door|nu|maar))* (?:met|naar|aan)(?: " + mod
                                + ")* " + head + "\\b"),
                        p("\\b(?:ik wil|ik zou graag|ik heb|ik zoek|ik vraag om|ik vraag naar|geef me|geef mij|mag ik"
                                + "|kan ik|kunt u|kun je|ik eis|graag)(?: (?:graag|nu|even|liever|een|de|met|echte"
                                + "|echt))* (?:medewerker|medewerkster|mens|echte persoon|echt persoon|adviseur"
                                + "|leidinggevende|manager|servicemedewerker|klantenservice|echt mens)\\b"
                                + "(?!(?: \\w+){0,4} (?:gesproken|gehad|gebeld|gezien|gevraagd)\\b)")),
                List.of(
                        p("\\b(?:echte|echt) (?:mens|persoon|medewerker)\\b"),
                        p("\\bmens van vlees en bloed\\b"),
                        p("\\bmenselijke (?:medewerker|hulp|ondersteuning|klantenservice)\\b")),
                p("^(?:(?:hallo|hoi|hi|goedemiddag|goedemorgen|ok|oke|ja|graag|een|ik wil) )*"
                        + "(?:medewerker|medewerkster|mens|echt mens|echte persoon|klantenservice|adviseur|persoon"
                        + "|helpdesk|servicemedewerker|een mens|support|menselijke medewerker)"
                        + "(?: (?:graag|aub|a u b|alsjeblieft|alstublieft|nu|svp|dringend|bedankt))*$"),
                p("\\b(?:niet|geen|nooit|zonder|was|al)\\b(?: \\w+){0,4}$"),
                p("\\b(?:kan|kun|kunt|mag|lukt) (?:\\w+ ){0,2}?(?:niet|nergens)\\b|\\bwaarom (?:kan|kun|kunt|mag)\\b"),
                p("(?:\\b(?:ben je|bent u|ben jij|is dit|is het|jij bent|u bent|je bent)"
                        + "|\\b(?:praat|spreek|chat) ik (?:hier )?met)(?: \\w+){0,3}$"),
                List.of(
                        p("\\b(?:doorverbind|doorverbinden|verbind|verbinden|doorsturen|doorzetten|overdragen|draag"
                                + "|doorschakelen|zet)\\b(?: \\w+){0,3}? (?:met|aan|naar)\\b(?: \\w+){0,4}? "
                                + offerHead + "\\b"),
                        p("\\b(?:wil je|wilt u|zou je|zou u|wil jij|zal ik|kan ik|mag ik|ik kan)\\b(?: \\w+){0,5}? "
                                + offerHead + "\\b(?: \\w+){0,4}? (?:spreken|praten|chatten|doorverbinden|verbinden"
                                + "|inschakelen|laten helpen|erbij halen|halen)\\b")),
                p("\\b(?:niet|geen|niemand|onmogelijk)\\b"),
                yes,
                plus(
                        yes,
                        "dank je u wel bedankt alsjeblieft alstublieft aub a b dat zou zijn met een medewerker "
                                + "verbind me mij door ik wil heel maar is lijkt svp"),
                List.of("waarom niet"));
    }

    private static Pattern p(String regex) {
        return Pattern.compile(regex);
    }

    /** A non-capturing group of {@code |}-separated alternatives. */
    private static String any(String alternatives) {
        return "(?:" + alternatives + ")";
    }

    /** The words of a space-separated list. */
    private static Set<String> words(String words) {
        return new HashSet<>(Arrays.asList(words.split(" ")));
    }

    private static Set<String> plus(Set<String> base, String more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(words(more));
        return all;
    }
}
