package io.parley.handoff;

import java.util.List;
import java.util.Set;

/** Spanish: how customers ask for a person, how the assistant offers one, and a short yes. */
final class PhrasesEs {

    private PhrasesEs() {}

    static Phrasebook phrasebook() {
        String head =
                Phrasebooks.any("una persona|persona real|una persona real|persona de verdad|una persona de verdad|"
                        + "un humano|humano|un ser humano|ser humano|un agente|agente|un asesor|una asesora|asesor|"
                        + "un representante|representante|un operador|una operadora|operador|un empleado|"
                        + "una empleada|empleado|alguien|atencion al cliente|servicio al cliente|soporte|el soporte|"
                        + "un encargado|el encargado|un gerente|el gerente|un supervisor|el supervisor|"
                        + "un responsable|el responsable|un companero|una companera|un especialista|un tecnico|"
                        + "el servicio tecnico|servicio tecnico|un ejecutivo|una ejecutiva|el equipo|su equipo|"
                        + "vuestro equipo|tu equipo");
        String mod = Phrasebooks.any("alguna|algun|real|de|verdad|vuestro|vuestra|su|sus|tu|tus");
        String notAfter = "(?! (?:de (?:aduanas|viajes|seguros|transporte|la paqueteria)|inmobiliario)\\b)";
        String offerHead =
                Phrasebooks.any("agente|agentes|persona|personas|companero|companera|companeros|equipo|asesor|asesora|"
                        + "asesores|humano|alguien|representante|especialista|operador|operadora|responsable|"
                        + "encargado");
        Set<String> yes =
                Phrasebooks.words("si sii sip claro vale dale porfa favor perfecto bueno adelante acuerdo hazlo hagalo "
                        + "supuesto listo bien genial obvio venga okey ok va sale correcto exacto luego");
        return new Phrasebook(
                "es",
                List.of(
                        Phrasebooks.p(
                                "\\b(?:hablar|conversar|chatear|charlar|comunicarme|comunicarse|contactar|contactarme"
                                        + "|contactarse|platicar)(?: (?:directamente|ya|ahora))? (?:con|a)(?: " + mod
                                        + ")* "
                                        + head + "\\b" + notAfter),
                        Phrasebooks.p(
                                "\\b(?:pasame|pasenme|paseme|pasarme|me pasas|me pasa|me pasan|me puedes pasar|me puede pasar"
                                        + "|me podrias pasar|me podria pasar|ponme|ponerme|pongame|me pones|me pone|comunicame"
                                        + "|comuniqueme|transfiereme|transfierame|transferirme|me transfieres|me transfiere"
                                        + "|derivame|derivarme|me derivas|me deriva|conectame|conecteme|conectarme|me conectas"
                                        + "|me conecta)(?: (?:en contacto|ya|ahora|por favor))?(?: (?:con|a|al))?(?: "
                                        + mod
                                        + ")* " + head + "\\b" + notAfter),
                        Phrasebooks.p(
                                "\\b(?:quiero|quisiera|necesito|me gustaria|deseo|prefiero|solicito|pido|exijo|dame|denme"
                                        + "|deme|puedo tener|podria tener)(?: (?:hablar|contactar|un|una|con|el|la|a"
                                        + "|por favor))* (?:humano|ser humano|persona real|persona de verdad|agente|asesor"
                                        + "|asesora|representante|operador|operadora|supervisor|gerente|encargado"
                                        + "|atencion humana)\\b" + notAfter),
                        Phrasebooks.p(
                                "\\b(?:que me atienda|que me atiendan|ser atendido por|ser atendida por)(?: (?:un|una|el|la))?"
                                        + " (?:persona|humano|ser humano|agente|asesor|asesora|representante|operador"
                                        + "|operadora|alguien)\\b")),
                List.of(
                        Phrasebooks.p("\\b(?:atencion|asistencia|ayuda|soporte) (?:humana|humano)\\b"),
                        Phrasebooks.p("\\b(?:persona|humano|agente|alguien) (?:real|de verdad|de carne y hueso)\\b")),
                Phrasebooks.p(
                        "^(?:(?:hola|buenas|ok|vale|por favor|porfa|si|ya|quiero|necesito|pasame con|hablar con|un|una) )*"
                                + "(?:agente|humano|persona|asesor|asesora|operador|operadora|representante|persona real"
                                + "|ser humano|atencion al cliente|servicio al cliente|atencion humana|alguien real)"
                                + "(?: (?:por favor|porfa|ya|ahora|gracias|urgente))*$"),
                Phrasebooks.p("\\b(?:no|nunca|sin|tampoco|ni|ya)\\b(?: \\w+){0,4}$"),
                Phrasebooks.p(
                        "\\bno (?:puedo|puede|podemos|consigo|logro|me dejan|me deja|se puede|es posible|hay forma"
                                + "|hay manera|se como|se donde)\\b|\\bpor que no\\b"),
                Phrasebooks.p("(?:\\b(?:eres|sos|es usted|sois|es esto|esto es|eres tu)"
                        + "|\\b(?:estoy|estamos) (?:hablando|chateando|conversando) con|\\bhablo con)(?: \\w+){0,3}$"),
                List.of(
                        Phrasebooks.p(
                                "\\b(?:ponerte|ponerle|ponerlo|ponerla|ponga|pongo|pasarte|pasarle|pasarlo|pasarla|paso|pase"
                                        + "|transferirte|transferirle|transfiera|transfiero|comunicarte|comunicarle|comunique"
                                        + "|comunico|derivarte|derivarle|derive|derivo|conectarte|conectarle|conecte|conecto)\\b"
                                        + "(?: \\w+){0,3}? (?:con|a|al)\\b(?: \\w+){0,4}? " + offerHead + "\\b"),
                        Phrasebooks.p(
                                "\\b(?:quieres|quiere|queres|te gustaria|le gustaria|desea|deseas|prefieres|prefiere"
                                        + "|preferirias|preferiria)\\b(?: \\w+){0,2}? (?:hablar|conversar|chatear|ser atendido"
                                        + "|ser atendida) (?:con|por)\\b(?: \\w+){0,4}? " + offerHead + "\\b")),
                Phrasebooks.p("\\b(?:no|ni|nadie|imposible)\\b"),
                yes,
                Phrasebooks.plus(
                        yes,
                        "por gracias muchas mil me gustaria seria estupendo de con una persona un agente alguien "
                                + "desde muy esta pasame eso vamos ya"),
                List.of("por que no"));
    }
}
