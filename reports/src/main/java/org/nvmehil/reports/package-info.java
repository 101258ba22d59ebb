/** reports module. */
package org.nvmehil.reports;
