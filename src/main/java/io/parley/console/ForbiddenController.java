package io.parley.console;

import io.parley.web.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The console's answer to a page or form the member's role does not allow: the console's error page with 403. The
 * security chain forwards refused requests here (any method), and sends htmx requests here with a plain GET.
 */
@Controller
class ForbiddenController {

    static final String PATH = "/console/forbidden";

    @RequestMapping(PATH)
    String forbidden(Model model, HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("status", HttpStatus.FORBIDDEN.value());
        model.addAttribute("title", "Not allowed");
        model.addAttribute(
                "detail", "Your role does not allow this. Ask an owner of your organization if you need it.");
        model.addAttribute("traceId", request.getAttribute(TraceIds.MDC_KEY));
        return "console/error";
    }
}
