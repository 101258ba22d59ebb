/** model module. */
package org.nvmehil.model;
