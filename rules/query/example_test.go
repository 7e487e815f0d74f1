package query_test

import (
	"fmt"

	"github.com/sanctionwatch/sanctionwatch/rules/query"
)

func ExampleParse() {
	n, err := query.Parse(`@dprk NEAR/10 ($munitions OR "artillery shell*") -title:chair`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n)

	_, err = query.Parse("arms or weapons")
	fmt.Println(err)
	// Output:
	// @dprk NEAR/10 ($munitions OR "artillery shell*") NOT title:chair
	// col 6: lowercase "or" is a word here: write OR for the operator, or quote "or" to search for the word
}

func ExampleWalk() {
	n, err := query.Parse("(@dprk OR @kind:vessel) $munitions resolution:2397")
	if err != nil {
		fmt.Println(err)
		return
	}
	query.Walk(n, func(n query.Node) bool {
		switch n := n.(type) {
		case *query.EntityRef:
			fmt.Println("entity", n.By, n.Name)
		case *query.ListRef:
			fmt.Println("list", n.Name)
		}
		return true
	})
	// Output:
	// entity id dprk
	// entity kind vessel
	// list munitions
}
