/** drivers module. */
package org.nvmehil.drivers;
