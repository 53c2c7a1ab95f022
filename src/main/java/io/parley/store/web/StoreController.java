package io.parley.store.web;

import io.parley.store.Store;
import io.parley.tenant.SignedInMember;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The organization's demo store: its orders and products, in the shapes the assistant's tools return them. Order ids
 * may be sent with or without their {@code #} ({@code %23W2378156}, {@code W2378156}).
 */
@RestController
@RequestMapping("/api/v1/store")
@Tag(name = "Demo store")
class StoreController {

    private final Store store;

    StoreController(Store store) {
        this.store = store;
    }

    record PageView(List<ObjectNode> items, int total, int offset, int limit) {
        static PageView of(Store.Page page) {
            return new PageView(page.items(), page.total(), page.offset(), page.limit());
        }
    }

    record OrdersView(String email, List<ObjectNode> items) {}

    @GetMapping("/orders")
    @Operation(summary = "A page of the store's orders, in the store's order")
    PageView orders(
            SignedInMember member,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        page(offset, limit);
        return PageView.of(store.orders(member.organization(), offset, limit));
    }

    @GetMapping("/orders/user")
    @Operation(summary = "The orders of the store user with this email (matched without regard to case)")
    OrdersView ordersOfUser(SignedInMember member, @RequestParam String email) {
        return store.ordersOfUser(member.organization(), email)
                .map(orders -> new OrdersView(email, orders))
                .orElseThrow(() -> ProblemType.NOT_FOUND.exception("No user of the store has this email."));
    }

    @GetMapping("/orders/{id}")
    @Operation(summary = "One order")
    ObjectNode order(SignedInMember member, @PathVariable String id) {
        return store.order(member.organization(), id).orElseThrow(StoreController::noOrder);
    }

    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an order (its id is generated unless order_id is given); it joins its user's orders")
    ObjectNode createOrder(SignedInMember member, @RequestBody JsonNode body) {
        return store.createOrder(member.organization(), body);
    }

    @PutMapping("/orders/{id}")
    @Operation(summary = "Replace an order")
    ObjectNode replaceOrder(SignedInMember member, @PathVariable String id, @RequestBody JsonNode body) {
        return store.replaceOrder(member.organization(), id, body).orElseThrow(StoreController::noOrder);
    }

    @DeleteMapping("/orders/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an order; it leaves its user's orders")
    void deleteOrder(SignedInMember member, @PathVariable String id) {
        if (!store.deleteOrder(member.organization(), id)) {
            throw noOrder();
        }
    }

    @GetMapping("/products")
    @Operation(summary = "A page of the store's products with their variants")
    PageView products(
            SignedInMember member,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        page(offset, limit);
        return PageView.of(store.products(member.organization(), offset, limit));
    }

    @GetMapping("/products/{id}")
    @Operation(summary = "One product with its variants")
    ObjectNode product(SignedInMember member, @PathVariable String id) {
        return store.product(member.organization(), id).orElseThrow(StoreController::noProduct);
    }

    @PostMapping("/products")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a product (its id is generated unless product_id is given)")
    ObjectNode createProduct(SignedInMember member, @RequestBody JsonNode body) {
        return store.createProduct(member.organization(), body);
    }

    @PutMapping("/products/{id}")
    @Operation(summary = "Replace a product and its variants")
    ObjectNode replaceProduct(SignedInMember member, @PathVariable String id, @RequestBody JsonNode body) {
        return store.replaceProduct(member.organization(), id, body).orElseThrow(StoreController::noProduct);
    }

    @DeleteMapping("/products/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a product")
    void deleteProduct(SignedInMember member, @PathVariable String id) {
        if (!store.deleteProduct(member.organization(), id)) {
            throw noProduct();
        }
    }

    private static void page(int offset, int limit) {
        List<ProblemException.FieldError> errors = new java.util.ArrayList<>();
        if (offset < 0) {
            errors.add(new ProblemException.FieldError("offset", "must be 0 or more"));
        }
        if (limit < 1 || limit > Store.MAX_PAGE) {
            errors.add(new ProblemException.FieldError("limit", "must be 1 to " + Store.MAX_PAGE));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static ProblemException noOrder() {
        return ProblemType.NOT_FOUND.exception("There is no such order in this organization's store.");
    }

    private static ProblemException noProduct() {
        return ProblemType.NOT_FOUND.exception("There is no such product in this organization's store.");
    }
}
