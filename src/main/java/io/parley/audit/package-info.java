/** The organization's audit log: every change its members make, and the platform's own changes to customers' data. */
package io.parley.audit;
